// Prometheus itself: the server Promstead configures, as a container, compose service or
// systemd unit. Its prometheus.yml comes from the config builder (renderPrometheusConfig);
// until one is given, a placeholder that scrapes only Prometheus keeps it startable.
import { z } from 'zod';
import { renderPrometheusConfig } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import {
  type ConfigFile,
  type ExporterDefinition,
  type InstallStyle,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { exporterContainer, sameFolderBind, type ExporterContainer } from './container-spec';
import { imageReference } from './image-reference';
import { literalContent } from './secret-template';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
  ListenAddressSchema,
  MemoryLimitSchema,
  PortSchema,
  SystemUserSchema,
  listenAddress,
} from '@shared/contract';
import { singleTargetScrapeJobs } from './scrape-job';
import { serviceUnit } from './systemd-unit';

/** Rendered prometheus.yml text: bounded, and no NUL that would truncate it on the way. */
const ConfigContentSchema = z
  .string()
  .min(1)
  .max(1024 * 1024)
  .refine((text) => !text.includes('\0'), 'the configuration contains a NUL character');

export const PrometheusServerParamsSchema = z
  .object({
    port: PortSchema.default(9090),
    /** '' listens on every interface. */
    listenAddress: ListenAddressSchema.default(''),
    /** prometheus.yml as renderPrometheusConfig produced it; absent gives the placeholder. */
    configContent: ConfigContentSchema.optional(),
    /**
     * The rule file prometheus.yml names as `rules/promstead.yml` (the config builder's),
     * written beside it so the relative path resolves.
     */
    rulesContent: ConfigContentSchema.optional(),
    /** Holds prometheus.yml and rule files; bound at the same path inside the container. */
    configDirectory: AbsolutePathSchema.default('/etc/promstead/prometheus'),
    dataDirectory: AbsolutePathSchema.default('/var/lib/promstead/prometheus'),
    retentionDays: z.number().int().min(1).max(3650).default(15),
    /** Deletes the oldest blocks once the TSDB passes this size; absent means no cap. */
    retentionSizeGiB: z.number().int().min(1).max(65_536).optional(),
    /** POST /-/reload lets a deploy apply a new config without a restart. */
    enableLifecycle: z.boolean().default(true),
    /** Debian's prometheus package puts the binary here and runs it as prometheus. */
    binaryPath: AbsolutePathSchema.default('/usr/bin/prometheus'),
    user: SystemUserSchema.default('prometheus'),
    containerName: ContainerNameSchema.default('prometheus'),
    memoryLimitMiB: MemoryLimitSchema.default(2048),
  })
  .strict();
export type PrometheusServerParams = z.output<typeof PrometheusServerParamsSchema>;

const defaultVersion = '2.53.2';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'prometheus';
const image = { repository: 'prom/prometheus', tag: `v${defaultVersion}` };
/** The image runs as nobody. */
const containerUser = '65534:65534';
const containerDataDirectory = '/prometheus';

function configPath(params: PrometheusServerParams): string {
  return `${params.configDirectory}/prometheus.yml`;
}

/** A config that scrapes only Prometheus, built by the config builder like any other. */
export function prometheusPlaceholderConfig(params: PrometheusServerParams): string {
  return renderPrometheusConfig({
    global: { scrapeInterval: '30s', evaluationInterval: '30s' },
    ...singleTargetScrapeJobs(scrapeJobName, { host: 'localhost', tier: 'critical' }, params.port),
    ruleFiles: [],
  });
}

function serverArgs(params: PrometheusServerParams, dataDirectory: string, listen: string): string[] {
  return [
    `--config.file=${configPath(params)}`,
    `--storage.tsdb.path=${dataDirectory}`,
    `--storage.tsdb.retention.time=${params.retentionDays}d`,
    ...(params.retentionSizeGiB === undefined
      ? []
      : [`--storage.tsdb.retention.size=${params.retentionSizeGiB}GB`]),
    `--web.listen-address=${listen}`,
    ...(params.enableLifecycle ? ['--web.enable-lifecycle'] : []),
  ];
}

/** Flags of a host install. */
export function prometheusHostArgs(params: PrometheusServerParams): string[] {
  return serverArgs(params, params.dataDirectory, listenAddress(params.listenAddress, params.port));
}

function containerArgs(params: PrometheusServerParams): string[] {
  return serverArgs(params, containerDataDirectory, `:${params.port}`);
}

function container(params: PrometheusServerParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'prometheus',
    version: versionOf(context, defaultVersion),
    image: imageReference(image, context),
    command: containerArgs(params),
    binds: [sameFolderBind(params.configDirectory), `${params.dataDirectory}:${containerDataDirectory}`],
  });
}

function systemdUnit(params: PrometheusServerParams): string {
  return serviceUnit({
    description: 'Prometheus',
    documentation: 'https://prometheus.io/docs/introduction/overview/',
    user: params.user,
    command: [params.binaryPath, ...prometheusHostArgs(params)],
    // SIGHUP re-reads prometheus.yml, as POST /-/reload does.
    afterExecStart: ['ExecReload=/bin/kill -HUP $MAINPID'],
    afterRestart: ['TimeoutStopSec=2min', 'LimitNOFILE=65536'],
    readWritePaths: [params.dataDirectory],
  });
}

function configFiles(params: PrometheusServerParams, installStyle: InstallStyle): ConfigFile[] {
  const owner = installStyle === 'systemd' ? `${params.user}:${params.user}` : containerUser;
  return [
    { path: params.configDirectory, mode: 0o755, directory: true },
    { path: params.dataDirectory, mode: 0o750, directory: true, owner },
    {
      path: configPath(params),
      mode: 0o644,
      ...literalContent(params.configContent ?? prometheusPlaceholderConfig(params)),
    },
    ...(params.rulesContent === undefined
      ? []
      : [
          { path: `${params.configDirectory}/rules`, mode: 0o755, directory: true as const },
          { path: rulesPath(params), mode: 0o644, ...literalContent(params.rulesContent) },
        ]),
  ];
}

/** Where the config builder's prometheus.yml expects its rule file (promsteadRuleFilePath). */
function rulesPath(params: PrometheusServerParams): string {
  return `${params.configDirectory}/rules/promstead.yml`;
}

export const prometheusServer = {
  id: 'prometheus',
  name: 'Prometheus',
  summary: 'The Prometheus server that scrapes every exporter, stores the series and evaluates alerts.',
  defaultPort: 9090,
  version: defaultVersion,
  image,
  params: PrometheusServerParamsSchema,
  installStyles: ['docker', 'compose', 'systemd'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  systemdUnit,
  configFiles,
  reload: {
    method: 'POST',
    path: '/-/reload',
    successGauge: 'prometheus_config_last_reload_successful',
    // The lifecycle API (and so /-/reload) exists only with --web.enable-lifecycle.
    availableWith: (params) => params.enableLifecycle,
  },
  scrapeJobs: (params, scrape) => singleTargetScrapeJobs(scrapeJobName, scrape, params.port),
  alertRules: () => exporterAlertRules('prometheus', [scrapeJobName]),
  proofMetrics: () => [
    'prometheus_build_info',
    'prometheus_config_last_reload_successful',
    'prometheus_tsdb_head_series',
  ],
} satisfies ExporterDefinition<PrometheusServerParams>;
