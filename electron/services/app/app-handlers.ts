// The app's own operations: app.*, settings.*, jobs.* and secrets.*, over the services
// the engine wired (the settings file, the job runner and its saved history, the
// SecretStore).
import type { AppInfo, JobSummary, StateNotice, Transport } from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import { detectCapabilities } from '../diagnostics';
import type { JobHistory, JobRunner } from '../jobs';
import type { SettingsService } from '../settings';
import type { SecretStore } from '../store';

export interface AppHandlerServices {
  dataDir: string;
  version: string;
  transport: Transport;
  notices: readonly StateNotice[];
  settings: SettingsService;
  secrets: SecretStore;
  jobs: JobRunner;
  history: JobHistory;
}

export function appHandlers(
  services: AppHandlerServices,
): NamespaceHandlers<'app'> &
  NamespaceHandlers<'settings'> &
  NamespaceHandlers<'jobs'> &
  NamespaceHandlers<'secrets'> {
  const { settings, secrets, jobs, history } = services;
  const info = async (): Promise<AppInfo> => ({
    name: 'Promstead',
    version: services.version,
    dataDir: services.dataDir,
    transport: services.transport,
    platform: process.platform,
    arch: process.arch,
    node: process.versions.node,
    capabilities: await detectCapabilities(),
    notices: [...services.notices],
  });

  return {
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
    'secrets.put': async ({ value, label }) => ({ id: await secrets.put(value, label) }),
    'secrets.list': async () => ({ secrets: await secrets.list() }),
    'secrets.delete': async ({ id }) => {
      const existed = (await secrets.list()).some((secret) => secret.id === id);
      if (existed) await secrets.delete(id);
      return { deleted: existed };
    },
  };
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
