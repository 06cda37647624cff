// The composition root of the engine: data folder, state, secrets, jobs and the
// operation handlers, wired once. Electron main, browser mode and the CLI each
// open one Engine and talk to it only through `invoke`.
import { join } from 'node:path';
import type {
  AppInfo,
  JobEvent,
  JobSummary,
  Result,
  StateNotice,
  TerminalJobEvent,
  Transport,
} from '../../shared/contract';
import { OperationBoundary, type OperationHandlers } from './boundary';
import { detectCapabilities, runSelfTest } from './diagnostics';
import { JobHistory, JobRunner } from './jobs';
import { FileLogger, type Logger } from './log/file-logger';
import { SettingsService } from './settings/settings-service';
import { AesKeyFileCipher, Redactor, SecretStore, ensureDataDir, type SecretCipher } from './store';

export interface EngineOptions {
  dataDir: string;
  transport: Transport;
  version: string;
  /** Electron passes its safeStorage cipher; elsewhere a key file in the data folder is used. */
  cipher?: SecretCipher;
  logger?: Logger;
}

export class Engine {
  private constructor(
    readonly dataDir: string,
    readonly secrets: SecretStore,
    readonly redactor: Redactor,
    private readonly boundary: OperationBoundary,
    private readonly jobs: JobRunner,
    private readonly history: JobHistory,
    readonly notices: StateNotice[],
  ) {}

  static async open(options: EngineOptions): Promise<Engine> {
    const { dataDir } = options;
    await ensureDataDir(dataDir);
    const redactor = new Redactor();
    const logger =
      options.logger ??
      new FileLogger(join(dataDir, 'logs', 'promstead.log'), (value) => redactor.redactValue(value));
    const cipher = options.cipher ?? new AesKeyFileCipher(join(dataDir, 'secret.key'));
    const secrets = new SecretStore({ file: join(dataDir, 'secrets.json'), cipher, redactor });
    const settings = SettingsService.open(join(dataDir, 'settings.json'));
    const notices = [...(await settings.load()).notices, ...(await secrets.load())];
    for (const notice of notices) logger.log('warn', 'state file recovered', notice);

    const history = new JobHistory(join(dataDir, 'jobs.json'));
    const jobs = new JobRunner({
      redact: (text) => redactor.redact(text),
      onFinished: (summary) => {
        history
          .record(summary)
          .catch((error: unknown) =>
            logger.log('error', 'could not save job history', { error: String(error) }),
          );
      },
    });

    const info = async (): Promise<AppInfo> => ({
      name: 'Promstead',
      version: options.version,
      dataDir,
      transport: options.transport,
      platform: process.platform,
      arch: process.arch,
      node: process.versions.node,
      capabilities: await detectCapabilities(),
      notices,
    });

    const handlers: OperationHandlers = {
      'app.info': info,
      'settings.get': async () => settings.get(),
      'settings.update': (patch) => settings.update(patch),
      'jobs.list': async () => ({ jobs: mergeJobs(jobs.list(), await history.list()) }),
      'jobs.cancel': async ({ jobId }) => {
        try {
          return jobs.cancel(jobId);
        } catch (error) {
          const past = (await history.list()).find((job) => job.jobId === jobId);
          if (past) return { cancelled: false, state: past.state };
          throw error;
        }
      },
      'diagnostics.selfTest': (input, job) => runSelfTest(input, job),
    };
    const boundary = new OperationBoundary(handlers, jobs, logger, (text) => redactor.redact(text));
    return new Engine(dataDir, secrets, redactor, boundary, jobs, history, notices);
  }

  invoke(name: string, input: unknown, origin: string): Promise<Result<unknown>> {
    return this.boundary.invoke(name, input, origin);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    return this.jobs.onEvent(listener);
  }

  waitForJob(jobId: string): Promise<TerminalJobEvent> {
    return this.jobs.wait(jobId);
  }

  cancelJob(jobId: string): void {
    this.jobs.cancel(jobId);
  }

  /** Cancels running jobs and waits for state to be written. */
  async close(): Promise<void> {
    await this.jobs.shutdown();
    await this.history.flush();
  }
}

/** Running and in-memory jobs win over the saved copy of the same job. */
function mergeJobs(live: JobSummary[], saved: JobSummary[]): JobSummary[] {
  const seen = new Set(live.map((job) => job.jobId));
  const rest = saved.filter((job) => !seen.has(job.jobId));
  const running = live.filter((job) => job.state === 'running');
  const finished = [...live.filter((job) => job.state !== 'running'), ...rest].sort(
    (a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0),
  );
  return [...running, ...finished].slice(0, 200);
}
