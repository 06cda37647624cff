// postgres_exporter: PostgreSQL server statistics plus the seed's custom queries
// (database sizes, table sizes). The password never appears in a plan: the exporter
// reads it from DATA_SOURCE_PASS_FILE, written 0600 from a SecretStore id.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import { literalContent, secretTemplate } from './secret-template';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
  type LinuxArchitecture,
  LinuxArchitectureSchema,
  listenAddress,
  ListenAddressSchema,
  MemoryLimitSchema,
  PortSchema,
  SecretIdSchema,
  SystemUserSchema,
} from '@shared/contract';
import {
  type ConfigFile,
  type ExporterDefinition,
  type InstallStyle,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { exporterContainer, sameFolderBind, type ExporterContainer } from './container-spec';
import { databaseInstallScript, databaseSystemdUnit, databaseUninstallScript } from './database-artefacts';
import {
  DatabaseHostSchema,
  DatabaseNameSchema,
  DatabaseUserSchema,
  databaseTargetLabels,
  hostPort,
} from './database-params';
import { imageReference } from './image-reference';
import { singleTargetScrapeJobs } from './scrape-job';

export const PostgresExporterParamsSchema = z
  .object({
    port: PortSchema.default(9187),
    /** '' listens on every interface. */
    listenAddress: ListenAddressSchema.default(''),
    databaseHost: DatabaseHostSchema.default('localhost'),
    databasePort: PortSchema.default(5432),
    database: DatabaseNameSchema.default('postgres'),
    databaseUser: DatabaseUserSchema.default('postgres_exporter'),
    passwordSecretId: SecretIdSchema,
    sslMode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).default('disable'),
    /** The seed's postgres_queries.yaml: per-database and per-table sizes. */
    customQueries: z.boolean().default(true),
    /** Holds the password file and the queries file; bound at the same path in a container. */
    configDirectory: AbsolutePathSchema.default('/etc/promstead/postgres_exporter'),
    binaryPath: AbsolutePathSchema.default('/usr/local/bin/postgres_exporter'),
    user: SystemUserSchema.default('postgres_exporter'),
    arch: LinuxArchitectureSchema.default('amd64'),
    containerName: ContainerNameSchema.default('postgres_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(64),
  })
  .strict();
export type PostgresExporterParams = z.output<typeof PostgresExporterParamsSchema>;

const defaultVersion = '0.15.0';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'postgres';
const unitName = 'postgres_exporter.service';
/** The image runs as nobody. */
const containerUser = '65534:65534';

/** The seed's custom queries, verbatim in meaning; metric names are <query>_<column>. */
export const postgresQueriesYaml = `pg_database_size:
  query: |
    SELECT
      datname as database,
      pg_database_size(datname) as size_bytes
    FROM pg_database
    WHERE datname NOT IN ('template0', 'template1')
  metrics:
    - database:
        usage: "LABEL"
        description: "Database name"
    - size_bytes:
        usage: "GAUGE"
        description: "Database size in bytes"

pg_table_bloat:
  query: |
    SELECT
      schemaname,
      tablename,
      pg_total_relation_size(quote_ident(schemaname)||'.'||quote_ident(tablename)) AS total_bytes,
      pg_relation_size(quote_ident(schemaname)||'.'||quote_ident(tablename)) AS table_bytes
    FROM pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
  metrics:
    - schemaname:
        usage: "LABEL"
        description: "Schema name"
    - tablename:
        usage: "LABEL"
        description: "Table name"
    - total_bytes:
        usage: "GAUGE"
        description: "Total size including indexes"
    - table_bytes:
        usage: "GAUGE"
        description: "Table size"
`;

const binary = {
  releaseUrl: (version: string, arch: LinuxArchitecture): string =>
    `https://github.com/prometheus-community/postgres_exporter/releases/download/v${version}/postgres_exporter-${version}.linux-${arch}.tar.gz`,
  checksumsUrl: (version: string): string =>
    `https://github.com/prometheus-community/postgres_exporter/releases/download/v${version}/sha256sums.txt`,
  archiveBinaryPath: (version: string, arch: LinuxArchitecture): string =>
    `postgres_exporter-${version}.linux-${arch}/postgres_exporter`,
};

export function postgresPasswordPath(params: PostgresExporterParams): string {
  return `${params.configDirectory}/password`;
}

export function postgresQueriesPath(params: PostgresExporterParams): string {
  return `${params.configDirectory}/postgres_queries.yaml`;
}

/** DATA_SOURCE_URI/USER/PASS_FILE: the URI carries no credentials, the password stays in its file. */
export function postgresExporterEnvironment(params: PostgresExporterParams): Record<string, string> {
  return {
    DATA_SOURCE_URI: `${hostPort(params.databaseHost, params.databasePort)}/${params.database}?sslmode=${params.sslMode}`,
    DATA_SOURCE_USER: params.databaseUser,
    DATA_SOURCE_PASS_FILE: postgresPasswordPath(params),
  };
}

export function postgresExporterArgs(params: PostgresExporterParams, listen: string): string[] {
  return [
    ...(params.customQueries ? [`--extend.query-path=${postgresQueriesPath(params)}`] : []),
    `--web.listen-address=${listen}`,
  ];
}

function container(params: PostgresExporterParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'postgres_exporter',
    version: versionOf(context, defaultVersion),
    image: imageReference(postgresExporter.image, context),
    command: postgresExporterArgs(params, `:${params.port}`),
    environment: postgresExporterEnvironment(params),
    // The environment names files in the config folder by their host paths.
    binds: [sameFolderBind(params.configDirectory)],
  });
}

function systemdUnit(params: PostgresExporterParams): string {
  return databaseSystemdUnit({
    description: 'Prometheus PostgreSQL Exporter',
    documentation: 'https://github.com/prometheus-community/postgres_exporter',
    user: params.user,
    command: [
      params.binaryPath,
      ...postgresExporterArgs(params, listenAddress(params.listenAddress, params.port)),
    ],
    environment: postgresExporterEnvironment(params),
  });
}

function installSpec(
  params: PostgresExporterParams,
  context: RenderContext,
): Parameters<typeof databaseInstallScript>[0] {
  return {
    exporterName: 'postgres_exporter',
    version: versionOf(context, defaultVersion),
    arch: params.arch,
    binary,
    binaryPath: params.binaryPath,
    user: params.user,
    configDirectory: params.configDirectory,
    unitName,
    unit: systemdUnit(params),
  };
}

function configFiles(params: PostgresExporterParams, installStyle: InstallStyle): ConfigFile[] {
  const containerized = installStyle === 'docker' || installStyle === 'compose';
  const owner = containerized ? containerUser : `${params.user}:${params.user}`;
  return [
    { path: params.configDirectory, mode: 0o755, directory: true },
    ...(params.customQueries
      ? [{ path: postgresQueriesPath(params), mode: 0o644, ...literalContent(postgresQueriesYaml) }]
      : []),
    {
      path: postgresPasswordPath(params),
      mode: 0o600,
      owner,
      ...secretTemplate('raw', (secret) => secret(params.passwordSecretId)),
    },
  ];
}

export const postgresExporter = {
  id: 'postgres_exporter',
  name: 'PostgreSQL Exporter',
  summary: 'PostgreSQL connections, transactions, locks, replication and database and table sizes.',
  defaultPort: 9187,
  version: defaultVersion,
  image: { repository: 'prometheuscommunity/postgres-exporter', tag: `v${defaultVersion}` },
  binary,
  params: PostgresExporterParamsSchema,
  installStyles: ['docker', 'compose', 'systemd'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  systemdUnit,
  installScript: (params, context) => databaseInstallScript(installSpec(params, context)),
  uninstallScript: (params) => databaseUninstallScript(installSpec(params, {})),
  configFiles,
  scrapeJobs: (params, scrape) =>
    singleTargetScrapeJobs(scrapeJobName, scrape, params.port, {
      labels: databaseTargetLabels(params.databaseHost, params.databasePort),
    }),
  alertRules: () =>
    exporterAlertRules('postgres_exporter', [scrapeJobName], rulePackGroups('databases', ['PostgresDown'])),
  proofMetrics: () => ['pg_up', 'postgres_exporter_build_info'],
} satisfies ExporterDefinition<PostgresExporterParams>;
