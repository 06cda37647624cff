// The shape of one exporter in the catalog: data (image, binary release, port) plus
// small pure functions from validated params to the artefacts each install style
// needs. Nothing here does I/O; the deploy planner turns artefacts into actions.
import type { ContainerCreateOptions } from 'dockerode';
import { z } from 'zod';
import { type ExporterId, type LinuxArchitecture, VersionSchema } from '@shared/contract';
import type { MultiTargetJob, RuleGroup, ScrapeJob, ScrapeTier } from '../prometheus';
import { ImageOverrideSchema, RegistryMirrorSchema, type ImageSpec } from './image-reference';
import type { SecretTemplate } from './secret-template';

export const installStyles = ['docker', 'compose', 'systemd', 'k8s', 'windows'] as const;
export type InstallStyle = (typeof installStyles)[number];

/** Settings that come from the app rather than from the exporter's own params. */
export const RenderContextSchema = z
  .object({
    imageRegistryMirror: z.union([z.literal(''), RegistryMirrorSchema]).optional(),
    imageOverride: ImageOverrideSchema.optional(),
    /** Overrides the definition's version (image tag v<version> and the binary release). */
    version: VersionSchema.optional(),
  })
  .strict();
export type RenderContext = z.infer<typeof RenderContextSchema>;

/** Where Prometheus reaches the exporter, and how often. */
export interface ScrapeContext {
  /** Host name or address of the machine the exporter runs on, as Prometheus sees it. */
  host: string;
  tier: ScrapeTier;
}

export interface BinaryRelease {
  releaseUrl(version: string, arch: LinuxArchitecture): string;
  /** Checksums file published next to the archive, used by the install script. */
  checksumsUrl(version: string): string;
  /** Path of the binary inside the extracted archive. */
  archiveBinaryPath(version: string, arch: LinuxArchitecture): string;
}

/** A plain object a dockerode createContainer call accepts (name included). */
export type ContainerSpec = ContainerCreateOptions & { name: string; Image: string };

/**
 * One service of a docker-compose file, in compose's own key names: every key a catalog
 * entry sets, so no module extends it. The file is rendered with sorted keys, so the
 * order here is for reading only.
 */
export interface ComposeService {
  image: string;
  container_name: string;
  restart: 'unless-stopped';
  command?: string[];
  /** Values compose interpolates: $ is written $$ (composeEscape). Never a secret. */
  environment?: Record<string, string>;
  /** Files compose reads as root at `up`: where secrets go, so they never sit in the plan. */
  env_file?: string[];
  volumes?: string[];
  /** host:container[:permissions], e.g. /dev/kmsg:/dev/kmsg:r. */
  devices?: string[];
  ports?: string[];
  network_mode?: string;
  pid?: string;
  privileged?: boolean;
  cap_add?: string[];
  security_opt?: string[];
  mem_limit?: string;
  labels?: Record<string, string>;
  logging?: { driver: 'json-file'; options: Record<string, string> };
}

/**
 * A file or directory the deployment creates. A file's content may reference secrets
 * (secret-template.ts): the deploy step fills them with fillSecretTemplate at apply time,
 * so their values never sit in a plan. Files without secrets have no references.
 */
export type ConfigFile = {
  path: string;
  /** Octal permission bits, e.g. 0o644. */
  mode: number;
  /** user:group, when it is not root's. */
  owner?: string;
} & (SecretTemplate | { directory: true });

/**
 * How a running exporter re-reads its config files without a restart (keeping its process,
 * uptime and in-memory state): an HTTP request to its own port. Upstream answers 2xx when
 * the new files loaded and 500 with the parser's error when they did not (keeping the old
 * config in memory).
 */
export interface ReloadCapability<P> {
  method: 'POST';
  /** `/-/reload` for Prometheus and the Prometheus-project exporters. */
  path: string;
  /** A gauge on /metrics that reads 1 after a successful reload (a second opinion on the answer). */
  successGauge?: string;
  /** Where params can switch the endpoint off (Prometheus without --web.enable-lifecycle). */
  availableWith?(params: P): boolean;
}

export interface ScrapeJobs {
  jobs: ScrapeJob[];
  multiTargetJobs: MultiTargetJob[];
}

/**
 * One exporter. P is its validated params type (the output of `params`). Functions are
 * written as methods so a definition can be handled through the catalog's erased type;
 * callers always get P from `params.parse` first.
 */
export interface ExporterDefinition<P> {
  id: ExporterId;
  name: string;
  /** What it monitors, one sentence for the wizard. */
  summary: string;
  defaultPort: number;
  /** The upstream version this entry targets; overridable through RenderContext.version. */
  version: string;
  image: ImageSpec;
  binary?: BinaryRelease;
  params: z.ZodType<P>;
  installStyles: readonly InstallStyle[];
  dockerContainer(params: P, context: RenderContext): ContainerSpec;
  composeService(params: P, context: RenderContext): { name: string; service: ComposeService };
  systemdUnit?(params: P, context: RenderContext): string;
  installScript?(params: P, context: RenderContext): string;
  uninstallScript?(params: P, context: RenderContext): string;
  /** For the k8s style: the manifest (a DaemonSet for cAdvisor). */
  kubernetesManifest?(params: P, context: RenderContext): string;
  configFiles(params: P, installStyle: InstallStyle): ConfigFile[];
  /** Absent: a change of its config files needs a new container (or a service restart). */
  reload?: ReloadCapability<P>;
  scrapeJobs(params: P, scrape: ScrapeContext): ScrapeJobs;
  alertRules(params: P): RuleGroup[];
  /** Metric names whose presence on /metrics proves the exporter works. */
  proofMetrics(params: P): string[];
}

export const containerLogConfig = {
  Type: 'json-file',
  Config: { 'max-size': '10m', 'max-file': '3' },
} as const;

/** Labels that let Promstead find and reconcile what it created. */
export function promsteadLabels(id: ExporterId, version: string): Record<string, string> {
  return {
    'io.promstead.managed': 'true',
    'io.promstead.exporter': id,
    'io.promstead.version': version,
  };
}

/** The upstream version to render: the context's override, else the definition's own. */
export function versionOf(context: RenderContext, defaultVersion: string): string {
  return context.version ?? defaultVersion;
}
