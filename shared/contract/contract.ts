// Every operation Promstead offers: name, kind (call | job), input and output.
// Electron IPC, browser mode, the CLI and the renderer client are all derived from
// this table; nobody writes a channel name or an input shape by hand.
import { z } from 'zod';
import { AppInfoSchema, SelfTestResultSchema, selfTestPhases } from './app';
import {
  BinaryAddInputSchema,
  BinaryAddResultSchema,
  BinaryListInputSchema,
  BinaryRemoveInputSchema,
  BinaryRemoveResultSchema,
  CachedBinarySchema,
} from './binaries';
import {
  ConfigCheckInputSchema,
  ConfigCheckOutputSchema,
  ConfigRenderOutputSchema,
  ConfigSourceSchema,
} from './config';
import {
  DiscoveredHostSchema,
  discoveryHostTopic,
  InventorySchema,
  ScanInputSchema,
  ScanResultSchema,
  scanPhases,
  SubnetSuggestionSchema,
} from './discovery';
import { ArtefactSchema, ArtefactsInputSchema, CatalogEntrySchema } from './exporters';
import {
  HostAddInputSchema,
  HostAddDockerInputSchema,
  HostIdInputSchema,
  HostKeyScanInputSchema,
  HostKeySchema,
  HostRepinInputSchema,
  HostSchema,
} from './hosts';
import { PreflightInputSchema, PreflightReportSchema, preflightPhases } from './preflight';
import {
  applyPhases,
  ApplyResultSchema,
  DeployInputSchema,
  DeployPlanSchema,
  DeploymentRecordSchema,
  UninstallInputSchema,
  UninstallResultSchema,
  uninstallPhases,
} from './deploy';
import { JobStartedSchema, JobSummarySchema, type JobPhase, type JobTopic } from './jobs';
import { operationKinds, type OperationName } from './operation-kinds';
import {
  DeploymentRefSchema,
  DropPreviewInputSchema,
  DropPreviewSchema,
  DropRuleSchema,
  metricsTickTopic,
  SavedDropsSchema,
  ScrapeInputSchema,
  ScrapeResultSchema,
  watchPhases,
  WatchInputSchema,
  WatchResultSchema,
  WatchTickSchema,
} from './metrics';
import {
  InstantQueryInputSchema,
  MetadataInputSchema,
  MetricMetadataSchema,
  NamesInputSchema,
  PrometheusServerSchema,
  QueryAnswerSchema,
  RangeQueryInputSchema,
  TargetHealthSchema,
} from './query';
import { SettingsPatchSchema, SettingsSchema } from './settings';

export interface OperationSpec<K extends 'call' | 'job', I extends z.ZodType, O extends z.ZodType> {
  kind: K;
  summary: string;
  input: I;
  /** For a call, what it returns; for a job, the result carried by its `done` event. */
  output: O;
}

/** A job also declares the phases its progress reports and the data topics it streams. */
export interface JobSpec<
  I extends z.ZodType,
  O extends z.ZodType,
  P extends readonly [string, ...string[]],
  T extends Record<string, z.ZodType>,
> extends OperationSpec<'job', I, O> {
  /** In the order a run goes through them. */
  phases: P;
  /** Topic → the schema of the data a `data` event of that topic carries. */
  topics: T;
}

function call<I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  input: I,
  output: O,
): OperationSpec<'call', I, O> {
  return { kind: 'call', summary, input, output };
}

function job<
  I extends z.ZodType,
  O extends z.ZodType,
  const P extends readonly [string, ...string[]],
  const T extends Record<string, z.ZodType>,
>(summary: string, input: I, output: O, events: { phases: P; topics: T }): JobSpec<I, O, P, T> {
  return { kind: 'job', summary, input, output, ...events };
}

const NoInput = z.object({}).strict().prefault({});

export const contract = {
  'app.info': call('Version, data folder, transport and what this machine can do', NoInput, AppInfoSchema),
  'settings.get': call('The saved settings', NoInput, SettingsSchema),
  'settings.update': call('Change some settings and save them', SettingsPatchSchema, SettingsSchema),
  'jobs.list': call(
    'Running and finished jobs, newest first',
    NoInput,
    z.object({ jobs: z.array(JobSummarySchema) }),
  ),
  'jobs.cancel': call(
    'Cancel a running job',
    z.object({ jobId: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean(), state: z.enum(['running', 'done', 'failed', 'cancelled']) }),
  ),
  'diagnostics.selfTest': job(
    'Check ICMP, fping/ping, Docker and the SSH agent one by one',
    z
      .object({
        /** Run the checks this many times (watch the environment while fixing it). */
        repeat: z.number().int().min(1).max(100).default(1),
        /** Pause between checks, in milliseconds. */
        intervalMs: z.number().int().min(0).max(10_000).default(0),
      })
      .strict()
      .prefault({}),
    SelfTestResultSchema,
    { phases: selfTestPhases, topics: {} },
  ),
  'secrets.put': call(
    'Store a secret (a password, an SNMP key) encrypted; state refers to it by the returned id',
    z.object({ value: z.string().min(1).max(8192), label: z.string().min(1).max(200) }).strict(),
    z.object({ id: z.string() }),
  ),
  'secrets.list': call(
    'The stored secrets: ids and labels, never values',
    NoInput,
    z.object({ secrets: z.array(z.object({ id: z.string(), label: z.string(), createdAt: z.string() })) }),
  ),
  'secrets.delete': call(
    'Forget a stored secret',
    z.object({ id: z.string().min(1).max(100) }).strict(),
    z.object({ deleted: z.boolean() }),
  ),
  'discovery.suggestTargets': call(
    "The private IPv4 subnets of this machine's up interfaces, to scan",
    NoInput,
    z.object({ subnets: z.array(SubnetSuggestionSchema) }),
  ),
  'discovery.scan': job(
    'Scan addresses: liveness, SNMP, service probes, classification and exporter suggestions; each host streams as found',
    ScanInputSchema,
    ScanResultSchema,
    { phases: scanPhases, topics: { [discoveryHostTopic]: DiscoveredHostSchema } },
  ),
  'discovery.inventory': call('The latest saved inventory of discovered hosts', NoInput, InventorySchema),
  'discovery.annotate': call(
    'Give a discovered host your own name and notes (they survive rescans)',
    z
      .object({
        address: z.string().min(1).max(64),
        name: z.string().max(100).optional(),
        notes: z.string().max(2000).optional(),
      })
      .strict(),
    DiscoveredHostSchema,
  ),
  'exporters.list': call(
    'Every exporter in the catalog: what it monitors, its version and install styles',
    NoInput,
    z.object({ exporters: z.array(CatalogEntrySchema) }),
  ),
  'exporters.artefacts': call(
    'Every artefact of one exporter for one install style: container spec, compose service, unit and scripts, config files, scrape job',
    ArtefactsInputSchema,
    z.object({ artefacts: z.array(ArtefactSchema) }),
  ),
  'config.render': call(
    'prometheus.yml and its rule file, from a monitoring spec or from the saved inventory',
    z
      .object({
        from: ConfigSourceSchema,
        /** A user's own prometheus.yml to merge Promstead's jobs into, keeping the rest of it. */
        mergeInto: z.string().max(10_000_000).optional(),
      })
      .strict(),
    ConfigRenderOutputSchema,
  ),
  'config.check': call(
    "Check prometheus.yml and its rule files with Prometheus's promtool",
    ConfigCheckInputSchema,
    ConfigCheckOutputSchema,
  ),
  'hosts.list': call('The hosts Promstead deploys to', NoInput, z.object({ hosts: z.array(HostSchema) })),
  'hosts.scanKey': call(
    "A host's SSH key fingerprint, to confirm before it is pinned (no credentials are sent)",
    HostKeyScanInputSchema,
    HostKeySchema,
  ),
  'hosts.add': call(
    'Add a host: pin the confirmed key, prove the login works, save it',
    HostAddInputSchema,
    HostSchema,
  ),
  'hosts.addDocker': call(
    "Add a Docker Engine without SSH (this machine's socket, or TCP with mutual TLS): prove it answers, save it",
    HostAddDockerInputSchema,
    HostSchema,
  ),
  'hosts.repin': call(
    "Pin a host's new key after checking the change is expected",
    HostRepinInputSchema,
    HostSchema,
  ),
  'hosts.remove': call('Forget a host (what was deployed there stays)', HostIdInputSchema, HostSchema),
  'hosts.preflight': job(
    'Read what a host is and has (OS, NAS kind, Docker, systemd, mounts, disk, ports, firewall, sudo) and the install method it implies',
    PreflightInputSchema,
    PreflightReportSchema,
    { phases: preflightPhases, topics: {} },
  ),
  'deploy.list': call(
    'What Promstead deployed, on one host or on all',
    z
      .object({ hostId: z.string().min(1).max(100).optional() })
      .strict()
      .prefault({}),
    z.object({ deployments: z.array(DeploymentRecordSchema) }),
  ),
  'deploy.plan': call(
    "The actions that would bring the host to the asked state, read from the host's actual state; nothing is changed",
    DeployInputSchema,
    DeployPlanSchema,
  ),
  'deploy.apply': job(
    'Apply the plan step by step with progress, verify each exporter by scraping it, roll everything back on failure or cancel',
    DeployInputSchema,
    ApplyResultSchema,
    { phases: applyPhases, topics: {} },
  ),
  'deploy.uninstall': job(
    'Remove what Promstead created on the host (containers, files, folders, images it pulled)',
    UninstallInputSchema,
    UninstallResultSchema,
    { phases: uninstallPhases, topics: {} },
  ),
  'binaries.list': call(
    'The exporter release binaries cached on this machine for systemd installs, with their sha256',
    BinaryListInputSchema,
    z.object({ binaries: z.array(CachedBinarySchema) }),
  ),
  'binaries.add': call(
    "Put an exporter's Linux binary (or its release .tar.gz) from this machine in the cache, checked to run on its architecture",
    BinaryAddInputSchema,
    BinaryAddResultSchema,
  ),
  'binaries.remove': call(
    'Remove cached binaries of an exporter (one version or arch, or all); what was installed on hosts stays',
    BinaryRemoveInputSchema,
    BinaryRemoveResultSchema,
  ),
  'metrics.scrape': call(
    'Scrape a deployment, an exporter discovery found, or a URL once: its metric families, counted and parsed',
    ScrapeInputSchema,
    ScrapeResultSchema,
  ),
  'metrics.watch': job(
    'Scrape a target every 1-60 s and stream the chosen families, until cancelled',
    WatchInputSchema,
    WatchResultSchema,
    { phases: watchPhases, topics: { [metricsTickTopic]: WatchTickSchema } },
  ),
  'metrics.previewDrops': call(
    'Which series drop rules would remove from a scrape, and the metric_relabel_configs they become',
    DropPreviewInputSchema,
    DropPreviewSchema,
  ),
  'metrics.drops': call(
    "The drop rules saved for deployments' scrape jobs",
    z
      .object({ hostId: z.string().min(1).max(100).optional() })
      .strict()
      .prefault({}),
    z.object({ drops: z.array(SavedDropsSchema) }),
  ),
  'metrics.saveDrops': call(
    "Save a deployment's drop rules into the monitoring config (deploy Prometheus to apply them)",
    DeploymentRefSchema.extend({ rules: z.array(DropRuleSchema).max(100) }).strict(),
    SavedDropsSchema.extend({ prometheusHostId: z.string().optional() }),
  ),
  'query.instant': call(
    'Evaluate a PromQL expression at one instant',
    InstantQueryInputSchema,
    QueryAnswerSchema,
  ),
  'query.range': call(
    'Evaluate a PromQL expression over a time range',
    RangeQueryInputSchema,
    QueryAnswerSchema,
  ),
  'query.names': call(
    'Label names, or the values of one label (`__name__`: metric names), from a Prometheus server',
    NamesInputSchema,
    z.object({ names: z.array(z.string()) }),
  ),
  'query.metadata': call(
    'Type, help and unit of the metrics a Prometheus server knows',
    MetadataInputSchema,
    z.object({ metadata: MetricMetadataSchema }),
  ),
  'query.targets': call(
    "A Prometheus server's active targets: health, last scrape, its duration and last error",
    z.object({ server: PrometheusServerSchema }).strict(),
    z.object({ targets: z.array(TargetHealthSchema) }),
  ),
} as const satisfies {
  [N in OperationName]: (typeof operationKinds)[N] extends 'job'
    ? JobSpec<z.ZodType, z.ZodType, readonly [string, ...string[]], Record<string, z.ZodType>>
    : OperationSpec<'call', z.ZodType, z.ZodType>;
};

export type Contract = typeof contract;
export type { OperationName };
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Contract[N]['output']>;
export type KindOf<N extends OperationName> = Contract[N]['kind'];
export type CallName = { [N in OperationName]: KindOf<N> extends 'call' ? N : never }[OperationName];
export type JobName = { [N in OperationName]: KindOf<N> extends 'job' ? N : never }[OperationName];

/** The phases a job's progress reports, from its declaration. */
export type JobPhaseOf<N extends JobName> = Contract[N]['phases'][number];
/** The data topics a job streams. */
export type JobTopicOf<N extends JobName> = keyof Contract[N]['topics'] & string;
/** What a `data` event of one topic of a job carries. */
export type JobDataOf<N extends JobName, T extends JobTopicOf<N>> = z.output<Contract[N]['topics'][T]>;

/** What a transport returns for an operation: a call's output, or a started job's id. */
export type ResponseOf<N extends OperationName> =
  KindOf<N> extends 'job' ? z.infer<typeof JobStartedSchema> : OutputOf<N>;

// The wire's phases and topics (jobs.ts) are exactly the union of the jobs' declared ones.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const phasesMatch: Same<JobPhaseOf<JobName>, JobPhase> = true;
const topicsMatch: Same<{ [N in JobName]: JobTopicOf<N> }[JobName], JobTopic> = true;
void phasesMatch;
void topicsMatch;

// The kinds in operation-kinds.ts must match the table above, both ways.
const kindsMatch: { [N in OperationName]: KindOf<N> } = operationKinds;
void kindsMatch;
