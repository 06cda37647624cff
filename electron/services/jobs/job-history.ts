// Finished jobs kept on disk, so `promstead jobs` and a restarted app still list
// what ran before. Each record re-reads the file first: the CLI and the app may
// both be writing it.
import { z } from 'zod';
import { JobSummarySchema, type JobSummary } from '@shared/contract';
import { JsonStore } from '../store';

const HistorySchema = z.object({ jobs: z.array(JobSummarySchema) });
type History = z.infer<typeof HistorySchema>;

export class JobHistory {
  private readonly store: JsonStore<History>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    file: string,
    private readonly limit = 100,
  ) {
    this.store = new JsonStore<History>({
      file,
      schema: HistorySchema,
      version: 1,
      defaults: () => ({ jobs: [] }),
    });
  }

  async list(): Promise<JobSummary[]> {
    await this.queue;
    const { value } = await this.store.load();
    return value.jobs;
  }

  record(summary: JobSummary): Promise<void> {
    const next = this.queue.then(async () => {
      const { value } = await this.store.load();
      // Results can be large (a scan's inventory) and live in their own stores.
      const { result: _result, ...kept } = summary;
      const jobs = [kept, ...value.jobs.filter((job) => job.jobId !== summary.jobId)].slice(0, this.limit);
      await this.store.save({ jobs });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Waits for pending writes (before a CLI process exits). */
  async flush(): Promise<void> {
    await this.queue;
  }
}
