// Pushgateway: where batch jobs (backups, cron scripts) push their last result for
// Prometheus to scrape, per the seed's Pushgateway section. The scrape job honours the
// pushed job/instance labels, so they are not overwritten by the gateway's own.
import { z } from 'zod';
import { exporterAlertRules } from './alert-rules';
import {
  type ConfigFile,
  type ExporterDefinition,
  type InstallStyle,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { exporterContainer, type ExporterContainer } from './container-spec';
import { imageReference } from './image-reference';
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

export const PushgatewayParamsSchema = z
  .object({
    port: PortSchema.default(9091),
    /** '' listens on every interface. */
    listenAddress: ListenAddressSchema.default(''),
    /** Pushed metrics survive a restart in a file here. */
    dataDirectory: AbsolutePathSchema.default('/var/lib/promstead/pushgateway'),
    persistenceIntervalMinutes: z.number().int().min(1).max(1440).default(5),
    /** Debian's prometheus-pushgateway package puts the binary here. */
    binaryPath: AbsolutePathSchema.default('/usr/bin/prometheus-pushgateway'),
    user: SystemUserSchema.default('prometheus'),
    containerName: ContainerNameSchema.default('pushgateway'),
    memoryLimitMiB: MemoryLimitSchema.default(128),
  })
  .strict();
export type PushgatewayParams = z.output<typeof PushgatewayParamsSchema>;

const defaultVersion = '1.9.0';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'pushgateway';
const image = { repository: 'prom/pushgateway', tag: `v${defaultVersion}` };
/** The image runs as nobody. */
const containerUser = '65534:65534';
const containerDataDirectory = '/data';
const persistenceFileName = 'pushgateway.db';

function persistenceArgs(params: PushgatewayParams, dataDirectory: string): string[] {
  return [
    `--persistence.file=${dataDirectory}/${persistenceFileName}`,
    `--persistence.interval=${params.persistenceIntervalMinutes}m`,
  ];
}

/** Flags of a host install, writing into the data directory itself. */
export function pushgatewayHostArgs(params: PushgatewayParams): string[] {
  return [
    ...persistenceArgs(params, params.dataDirectory),
    `--web.listen-address=${listenAddress(params.listenAddress, params.port)}`,
  ];
}

function containerArgs(params: PushgatewayParams): string[] {
  return [...persistenceArgs(params, containerDataDirectory), `--web.listen-address=:${params.port}`];
}

function container(params: PushgatewayParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'pushgateway',
    version: versionOf(context, defaultVersion),
    image: imageReference(image, context),
    command: containerArgs(params),
    binds: [`${params.dataDirectory}:${containerDataDirectory}`],
  });
}

function systemdUnit(params: PushgatewayParams): string {
  return serviceUnit({
    description: 'Prometheus Pushgateway',
    documentation: 'https://github.com/prometheus/pushgateway',
    user: params.user,
    command: [params.binaryPath, ...pushgatewayHostArgs(params)],
    // It writes only its persistence file.
    readWritePaths: [params.dataDirectory],
  });
}

function configFiles(params: PushgatewayParams, installStyle: InstallStyle): ConfigFile[] {
  const owner = installStyle === 'systemd' ? `${params.user}:${params.user}` : containerUser;
  return [{ path: params.dataDirectory, mode: 0o750, directory: true, owner }];
}

export const pushgateway = {
  id: 'pushgateway',
  name: 'Pushgateway',
  summary: 'Holds the last results that batch jobs and scripts push, for Prometheus to scrape.',
  defaultPort: 9091,
  version: defaultVersion,
  image,
  params: PushgatewayParamsSchema,
  installStyles: ['docker', 'compose', 'systemd'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  systemdUnit,
  configFiles,
  // Keep the job and instance labels the batch jobs pushed.
  scrapeJobs: (params, scrape) =>
    singleTargetScrapeJobs(scrapeJobName, scrape, params.port, { honorLabels: true }),
  alertRules: () => exporterAlertRules('pushgateway', [scrapeJobName]),
  // Its other series appear only after the first push or HTTP request.
  proofMetrics: () => ['pushgateway_build_info'],
} satisfies ExporterDefinition<PushgatewayParams>;
