// One handler per contract operation, over the services the engine wired. Each is
// thin: the work lives in the service folders.
import {
  PromsteadError,
  type AppInfo,
  type JobSummary,
  type StateNotice,
  type Transport,
} from '../../shared/contract';
import type { OperationHandlers } from './boundary';
import {
  binaryHandlers,
  deployHandlers,
  hostHandlers,
  type DeployService,
  type HostService,
  type SystemdBinaryCache,
} from './deploy';
import { detectCapabilities, runSelfTest } from './diagnostics';
import { runScan, type InventoryStore } from './discovery';
import { buildArtefacts, catalogEntry, exporterCatalog, type RenderContext } from './exporters';
import type { JobHistory, JobRunner } from './jobs';
import {
  checkMonitoringFiles,
  mergeMonitoringFiles,
  renderMonitoringFiles,
  specFromInventory,
} from './monitoring';
import { suggestSubnets } from './net';
import { renderContextFrom } from './settings/render-context';
import type { SettingsService } from './settings/settings-service';
import type { SecretStore } from './store';

export interface HandlerServices {
  dataDir: string;
  version: string;
  transport: Transport;
  notices: readonly StateNotice[];
  settings: SettingsService;
  secrets: SecretStore;
  jobs: JobRunner;
  history: JobHistory;
  inventory: InventoryStore;
  hosts: HostService;
  deploy: DeployService;
  /** The release binaries systemd installs use; the same instance the DeployService reads. */
  binaries: SystemdBinaryCache;
}

export function createHandlers(services: HandlerServices): OperationHandlers {
  const { settings, secrets, jobs, history, inventory } = services;
  const renderContext = (exporterId?: string): RenderContext => renderContextFrom(settings, exporterId);

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
    'diagnostics.selfTest': (input, job) => runSelfTest(input, job),
    'secrets.put': async ({ value, label }) => ({ id: await secrets.put(value, label) }),
    'secrets.list': async () => ({ secrets: await secrets.list() }),
    'secrets.delete': async ({ id }) => {
      const existed = (await secrets.list()).some((secret) => secret.id === id);
      if (existed) await secrets.delete(id);
      return { deleted: existed };
    },
    'discovery.suggestTargets': async () => ({ subnets: suggestSubnets() }),
    'discovery.scan': (input, job) =>
      runScan(input, job, {
        scanSettings: () => settings.get().scan,
        readSecret: (id) => secrets.get(id),
        inventory,
      }),
    'discovery.inventory': async () => inventory.get(),
    'discovery.annotate': ({ address, name, notes }) => inventory.annotate(address, { name, notes }),
    'exporters.list': async () => ({
      exporters: Object.values(exporterCatalog).map((definition) =>
        catalogEntry(definition, renderContext(definition.id)),
      ),
    }),
    'exporters.artefacts': async ({ id, style, params, host }) => {
      const definition = Object.values(exporterCatalog).find((candidate) => candidate.id === id);
      if (!definition) {
        throw new PromsteadError(
          'NOT_FOUND',
          `No exporter "${id}" in the catalog; \`promstead exporter list\` shows them.`,
        );
      }
      return { artefacts: buildArtefacts(definition, style, params, host, renderContext(definition.id)) };
    },
    'config.render': async ({ from, mergeInto }) => {
      const { spec, notes } =
        from.source === 'spec'
          ? { spec: from.spec, notes: [] }
          : specFromInventory(await inventory.get(), {
              includeSuggested: from.includeSuggested,
              ...(from.probeHost ? { probeHost: from.probeHost } : {}),
              ...(from.global ? { global: from.global } : {}),
            });
      if (mergeInto === undefined) return { files: renderMonitoringFiles(spec), spec, notes };
      const merged = mergeMonitoringFiles(mergeInto, spec);
      return { files: merged.files, spec, notes: [...notes, ...merged.notes] };
    },
    'config.check': ({ files }) => checkMonitoringFiles(files),
    ...hostHandlers(services.hosts),
    ...deployHandlers(services.deploy),
    ...binaryHandlers({ cache: services.binaries, renderContextFor: renderContext }),
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
