// mongodb_exporter (Percona): server status, replica set, database and top metrics.
// Docker only, per the seed. It reads its connection string only from MONGODB_URI, so
// the URI with the password goes in a 0600 env file compose reads, filled by the deploy
// step from a SecretStore id; the plan holds only the template.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import { secretTemplate, type SecretTemplate } from './secret-template';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
  ListenAddressSchema,
  MemoryLimitSchema,
  PortSchema,
  SecretIdSchema,
} from '@shared/contract';
import {
  type ComposeService,
  type ConfigFile,
  type ContainerSpec,
  type ExporterDefinition,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { exporterContainer } from './container-spec';
import {
  DatabaseHostSchema,
  DatabaseNameSchema,
  DatabaseUserSchema,
  databaseTargetLabels,
  hostPort,
} from './database-params';
import { imageReference, type ImageOverride } from './image-reference';
import { singleTargetScrapeJobs } from './scrape-job';

/** The seed's collectors; --collect-all turns on these and the rest. */
export const mongodbCollectors = [
  'diagnosticdata',
  'replicasetstatus',
  'dbstats',
  'topmetrics',
  'collstats',
  'indexstats',
] as const;

export const MongodbExporterParamsSchema = z
  .object({
    port: PortSchema.default(9216),
    /** Host address the published port binds to; '' for every interface. */
    listenAddress: ListenAddressSchema.default(''),
    databaseHost: DatabaseHostSchema.default('mongodb'),
    databasePort: PortSchema.default(27017),
    databaseUser: DatabaseUserSchema.default('exporter'),
    /** The database the user is defined in. */
    authSource: DatabaseNameSchema.default('admin'),
    passwordSecretId: SecretIdSchema,
    /** Every collector, instead of the list below. */
    collectAll: z.boolean().default(false),
    collectors: z
      .array(z.enum(mongodbCollectors))
      .max(mongodbCollectors.length)
      .refine((names) => new Set(names).size === names.length, 'a collector is listed twice')
      .default(['diagnosticdata', 'replicasetstatus', 'dbstats', 'topmetrics']),
    /** Also exposes the 0.1x metric names older dashboards use. */
    compatibleMode: z.boolean().default(true),
    /** false lets the driver discover the replica set, as in the seed. */
    directConnect: z.boolean().default(false),
    configDirectory: AbsolutePathSchema.default('/etc/promstead/mongodb_exporter'),
    containerName: ContainerNameSchema.default('mongodb_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(128),
  })
  .strict();
export type MongodbExporterParams = z.output<typeof MongodbExporterParamsSchema>;

/** Percona tags its images without the v. */
const defaultVersion = '0.40.0';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'mongodb';

export class MongodbExporterRenderError extends Error {
  override name = 'MongodbExporterRenderError';
}

function image(context: RenderContext): string {
  const imageOverride: ImageOverride = { tag: versionOf(context, defaultVersion), ...context.imageOverride };
  return imageReference(mongodbExporter.image, {
    ...(context.imageRegistryMirror === undefined
      ? {}
      : { imageRegistryMirror: context.imageRegistryMirror }),
    imageOverride,
  });
}

export function mongodbEnvFilePath(params: MongodbExporterParams): string {
  return `${params.configDirectory}/mongodb_exporter.env`;
}

export function mongodbExporterArgs(params: MongodbExporterParams): string[] {
  return [
    `--mongodb.direct-connect=${params.directConnect}`,
    '--mongodb.global-conn-pool=false',
    ...(params.collectAll ? ['--collect-all'] : params.collectors.map((name) => `--collector.${name}`)),
    ...(params.compatibleMode ? ['--compatible-mode'] : []),
    `--web.listen-address=:${params.port}`,
  ];
}

/** The password is percent-encoded into the URI, so the line needs no quoting. */
function envFileTemplate(params: MongodbExporterParams): SecretTemplate {
  const address = hostPort(params.databaseHost, params.databasePort);
  return secretTemplate(
    'uri-userinfo',
    (secret) =>
      `MONGODB_URI=mongodb://${params.databaseUser}:${secret(params.passwordSecretId)}@${address}/?authSource=${params.authSource}\n`,
  );
}

function credentialFile(params: MongodbExporterParams): ConfigFile {
  return {
    path: mongodbEnvFilePath(params),
    mode: 0o600,
    // compose reads it as root; the exporter never sees the file.
    owner: 'root:root',
    ...envFileTemplate(params),
  };
}

/** The Docker API takes environment values, not files: the URI would sit in the plan. */
function dockerContainer(): ContainerSpec {
  throw new MongodbExporterRenderError(
    'mongodb_exporter reads its password only from MONGODB_URI; install it with compose, which reads the env file',
  );
}

/** env_file is compose's alone, so it is added to the service here, not to both forms. */
function composeService(
  params: MongodbExporterParams,
  context: RenderContext,
): { name: string; service: ComposeService } {
  const { name, service } = exporterContainer(params, {
    id: 'mongodb_exporter',
    version: versionOf(context, defaultVersion),
    image: image(context),
    command: mongodbExporterArgs(params),
  }).compose;
  return { name, service: { ...service, env_file: [mongodbEnvFilePath(params)] } };
}

export const mongodbExporter = {
  id: 'mongodb_exporter',
  name: 'MongoDB Exporter',
  summary: 'MongoDB operations, connections, replica set state, database sizes and slow collections.',
  defaultPort: 9216,
  version: defaultVersion,
  image: { repository: 'percona/mongodb_exporter', tag: defaultVersion },
  params: MongodbExporterParamsSchema,
  installStyles: ['compose'],
  dockerContainer,
  composeService,
  configFiles: (params): ConfigFile[] => [
    { path: params.configDirectory, mode: 0o700, directory: true },
    credentialFile(params),
  ],
  scrapeJobs: (params, scrape) =>
    singleTargetScrapeJobs(scrapeJobName, scrape, params.port, {
      labels: databaseTargetLabels(params.databaseHost, params.databasePort),
    }),
  alertRules: () =>
    exporterAlertRules('mongodb_exporter', [scrapeJobName], rulePackGroups('databases', ['MongodbDown'])),
  proofMetrics: () => ['mongodb_up', 'mongodb_exporter_build_info'],
} satisfies ExporterDefinition<MongodbExporterParams>;
