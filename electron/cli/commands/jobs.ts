// `promstead jobs`: running and recent jobs with their outcome.
import type { JobSummary } from '@shared/contract';
import type { Engine } from '../../services/engine';
import { callOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';

function outcome(job: JobSummary): string {
  if (job.state === 'failed') return `${job.error?.code ?? 'failed'}: ${job.error?.message ?? ''}`;
  if (job.state === 'running') return `${job.phase ?? ''} ${job.current ?? 0}/${job.total ?? 0}`.trim();
  return job.message ?? '';
}

export async function jobsCommand(engine: Engine, out: Output): Promise<number> {
  const { jobs } = await callOperation(engine, 'jobs.list', {});
  if (out.json) {
    printJson(out, jobs);
    return 0;
  }
  if (jobs.length === 0) {
    printLine(out, 'No jobs yet.');
    return 0;
  }
  const rows = jobs.map((job) => [
    job.jobId.slice(0, 8),
    job.operation,
    job.state,
    new Date(job.startedAt).toISOString().replace('T', ' ').slice(0, 19),
    outcome(job),
  ]);
  printLine(out, formatTable(['id', 'operation', 'state', 'started (UTC)', 'outcome'], rows));
  return 0;
}
