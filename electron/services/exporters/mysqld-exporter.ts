// mysqld_exporter: MySQL and MariaDB status, InnoDB and performance_schema metrics.
// Credentials follow the target version: 0.15 and later read only a .my.cnf
// (--config.my-cnf), 0.14 (Debian 12) only DATA_SOURCE_NAME, here from a 0600 env file.
// Both files are templates the deploy step fills from a SecretStore id.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus/rule-packs';
import { exporterAlertRules } from './alert-rules';
import { SecretIdSchema, secretTemplate, type SecretTemplate } from './secret-template';
import {
  type ComposeService,
  type ConfigFile,
  type ContainerSpec,
  type ExporterDefinition,
  type InstallStyle,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { composeEscape, composePort } from './compose-file';
import { composeServiceBase, publishedPortContainer } from './container-spec';
import { databaseInstallScript, databaseSystemdUnit, databaseUninstallScript } from './database-artefacts';
import { DatabaseHostSchema, DatabaseUserSchema, compareVersions, hostPort } from './database-params';
import { imageReference } from './image-reference';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
  LinuxArchitectureSchema,
  ListenAddressSchema,
  MemoryLimitSchema,
  PortSchema,
  SystemUserSchema,
  VersionSchema,
  listenAddress,
  type LinuxArchitecture,
} from './param-validators';

/** The seed's collectors; the rest of mysqld_exporter's defaults stay on. */
export const mysqldCollectors = [
  'global_status',
  'info_schema.innodb_metrics',
  'auto_increment.columns',
  'perf_schema.tableiowaits',
  'perf_schema.indexiowaits',
  'perf_schema.file_events',
  'info_schema.tables',
  'info_schema.tablestats',
] as const;

export const MysqldExporterParamsSchema = z
  .object({
    port: PortSchema.default(9104),
    /** '' listens on every interface. */
    listenAddress: ListenAddressSchema.default(''),
    databaseHost: DatabaseHostSchema.default('localhost'),
    databasePort: PortSchema.default(3306),
    databaseUser: DatabaseUserSchema.default('exporter'),
    passwordSecretId: SecretIdSchema,
    /**
     * The mysqld_exporter version the artefacts are for (0.14.0 for Debian 12's package);
     * RenderContext.version, when given, wins. Decides .my.cnf versus DATA_SOURCE_NAME.
     */
    targetVersion: VersionSchema.optional(),
    collectors: z
      .array(z.enum(mysqldCollectors))
      .max(mysqldCollectors.length)
      .refine((names) => new Set(names).size === names.length, 'a collector is listed twice')
      .default([
        'global_status',
        'info_schema.innodb_metrics',
        'auto_increment.columns',
        'perf_schema.tableiowaits',
        'perf_schema.file_events',
      ]),
    configDirectory: AbsolutePathSchema.default('/etc/promstead/mysqld_exporter'),
    binaryPath: AbsolutePathSchema.default('/usr/local/bin/mysqld_exporter'),
    user: SystemUserSchema.default('mysqld_exporter'),
    arch: LinuxArchitectureSchema.default('amd64'),
    containerName: ContainerNameSchema.default('mysqld_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(64),
  })
  .strict();
export type MysqldExporterParams = z.output<typeof MysqldExporterParamsSchema>;

const defaultVersion = '0.15.1';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'mysql';
const unitName = 'mysqld_exporter.service';
/** The image runs as nobody. */
const containerUser = '65534:65534';

export class MysqldExporterRenderError extends Error {
  override name = 'MysqldExporterRenderError';
}

const binary = {
  releaseUrl: (version: string, arch: LinuxArchitecture): string =>
    `https://github.com/prometheus/mysqld_exporter/releases/download/v${version}/mysqld_exporter-${version}.linux-${arch}.tar.gz`,
  checksumsUrl: (version: string): string =>
    `https://github.com/prometheus/mysqld_exporter/releases/download/v${version}/sha256sums.txt`,
  archiveBinaryPath: (version: string, arch: LinuxArchitecture): string =>
    `mysqld_exporter-${version}.linux-${arch}/mysqld_exporter`,
};

export function mysqldTargetVersion(params: MysqldExporterParams, context: RenderContext): string {
  return versionOf(context, params.targetVersion ?? defaultVersion);
}

/** 0.15 dropped DATA_SOURCE_NAME for --config.my-cnf. */
export function readsMyCnf(version: string): boolean {
  return compareVersions(version, '0.15.0') >= 0;
}

export function mysqldMyCnfPath(params: MysqldExporterParams): string {
  return `${params.configDirectory}/.my.cnf`;
}

export function mysqldEnvFilePath(params: MysqldExporterParams): string {
  return `${params.configDirectory}/mysqld_exporter.env`;
}

export function mysqldExporterArgs(params: MysqldExporterParams, version: string, listen: string): string[] {
  return [
    ...(readsMyCnf(version) ? [`--config.my-cnf=${mysqldMyCnfPath(params)}`] : []),
    ...params.collectors.map((name) => `--collect.${name}`),
    `--web.listen-address=${listen}`,
  ];
}

/** [client] as mysqld_exporter 0.15 reads it: user, password, host and port. */
function myCnfTemplate(params: MysqldExporterParams): SecretTemplate {
  return secretTemplate('my-cnf', (secret) =>
    [
      '[client]',
      `user=${params.databaseUser}`,
      `password=${secret(params.passwordSecretId)}`,
      `host=${params.databaseHost}`,
      `port=${params.databasePort}`,
      '',
    ].join('\n'),
  );
}

/** go-sql-driver's DSN; the password may hold / and @, the parser splits at the last ones. */
function dataSourceNameTemplate(params: MysqldExporterParams, containerized: boolean): SecretTemplate {
  const address = hostPort(params.databaseHost, params.databasePort);
  const quote = containerized ? "'" : '"';
  return secretTemplate(
    containerized ? 'compose-env' : 'systemd-env',
    (secret) =>
      `DATA_SOURCE_NAME=${quote}${params.databaseUser}:${secret(params.passwordSecretId)}@tcp(${address})/${quote}\n`,
  );
}

function credentialFile(
  params: MysqldExporterParams,
  version: string,
  installStyle: InstallStyle,
): ConfigFile {
  const containerized = installStyle === 'docker' || installStyle === 'compose';
  if (readsMyCnf(version)) {
    return {
      path: mysqldMyCnfPath(params),
      mode: 0o600,
      owner: containerized ? containerUser : `${params.user}:${params.user}`,
      ...myCnfTemplate(params),
    };
  }
  // Read by systemd or compose as root, never by the exporter itself.
  return {
    path: mysqldEnvFilePath(params),
    mode: 0o600,
    owner: 'root:root',
    ...dataSourceNameTemplate(params, containerized),
  };
}

function containerBinds(params: MysqldExporterParams): string[] {
  return [`${params.configDirectory}:${params.configDirectory}:ro`];
}

function dockerContainer(params: MysqldExporterParams, context: RenderContext): ContainerSpec {
  const version = mysqldTargetVersion(params, context);
  if (!readsMyCnf(version)) {
    // The Docker API takes environment values, not files: the DSN would sit in the plan.
    throw new MysqldExporterRenderError(
      `mysqld_exporter ${version} reads its password only from DATA_SOURCE_NAME; use compose or 0.15 and later`,
    );
  }
  return publishedPortContainer(params, {
    id: 'mysqld_exporter',
    version: version,
    image: imageReference(mysqldExporter.image, { ...context, version }),
    command: mysqldExporterArgs(params, version, `:${params.port}`),
    binds: containerBinds(params),
  });
}

function composeService(
  params: MysqldExporterParams,
  context: RenderContext,
): { name: string; service: ComposeService } {
  const version = mysqldTargetVersion(params, context);
  const myCnf = readsMyCnf(version);
  return {
    name: 'mysqld_exporter',
    service: {
      ...composeServiceBase(params, {
        id: 'mysqld_exporter',
        version,
        image: imageReference(mysqldExporter.image, { ...context, version }),
      }),
      command: mysqldExporterArgs(params, version, `:${params.port}`).map(composeEscape),
      ...(myCnf ? { volumes: containerBinds(params) } : { env_file: [mysqldEnvFilePath(params)] }),
      ports: [composePort(params.listenAddress, params.port)],
    },
  };
}

function systemdUnit(params: MysqldExporterParams, context: RenderContext = {}): string {
  const version = mysqldTargetVersion(params, context);
  return databaseSystemdUnit({
    description: 'Prometheus MySQL Exporter',
    documentation: 'https://github.com/prometheus/mysqld_exporter',
    user: params.user,
    command: [
      params.binaryPath,
      ...mysqldExporterArgs(params, version, listenAddress(params.listenAddress, params.port)),
    ],
    environment: {},
    ...(readsMyCnf(version) ? {} : { environmentFile: mysqldEnvFilePath(params) }),
  });
}

function installSpec(
  params: MysqldExporterParams,
  context: RenderContext,
): Parameters<typeof databaseInstallScript>[0] {
  return {
    exporterName: 'mysqld_exporter',
    version: mysqldTargetVersion(params, context),
    arch: params.arch,
    binary,
    binaryPath: params.binaryPath,
    user: params.user,
    configDirectory: params.configDirectory,
    unitName,
    unit: systemdUnit(params, context),
  };
}

export const mysqldExporter = {
  id: 'mysqld_exporter',
  name: 'MySQL Exporter',
  summary: 'MySQL and MariaDB connections, queries, InnoDB, replication and table I/O.',
  defaultPort: 9104,
  version: defaultVersion,
  image: { repository: 'prom/mysqld-exporter', tag: `v${defaultVersion}` },
  binary,
  params: MysqldExporterParamsSchema,
  installStyles: ['docker', 'compose', 'systemd'],
  dockerContainer,
  composeService,
  systemdUnit,
  installScript: (params, context) => databaseInstallScript(installSpec(params, context)),
  uninstallScript: (params) => databaseUninstallScript(installSpec(params, {})),
  // The version here is the params' own: configFiles has no RenderContext.
  configFiles: (params, installStyle): ConfigFile[] => [
    { path: params.configDirectory, mode: 0o755, directory: true },
    credentialFile(params, mysqldTargetVersion(params, {}), installStyle),
  ],
  scrapeJobs: (params, scrape) => ({
    jobs: [
      {
        jobName: scrapeJobName,
        tier: scrape.tier,
        staticConfigs: [
          {
            targets: [listenAddress(scrape.host, params.port)],
            labels: { role: 'database', database_host: hostPort(params.databaseHost, params.databasePort) },
          },
        ],
      },
    ],
    multiTargetJobs: [],
  }),
  alertRules: () =>
    exporterAlertRules('mysqld_exporter', [scrapeJobName], rulePackGroups('databases', ['MysqlDown'])),
  proofMetrics: () => ['mysql_up', 'mysqld_exporter_build_info'],
} satisfies ExporterDefinition<MysqldExporterParams>;
