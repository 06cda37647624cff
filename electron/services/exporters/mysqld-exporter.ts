// mysqld_exporter: MySQL and MariaDB status, InnoDB and performance_schema metrics.
// Every version reads its credentials from a 0600 .my.cnf (--config.my-cnf), a template the
// deploy step fills from a SecretStore id: 0.15 and later read nothing else, and 0.14
// (Debian 12) reads it whenever DATA_SOURCE_NAME is unset, so no DSN ever sits in an env
// file or a container's environment. The file is written for the target version.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import { secretTemplate, type SecretTemplate } from './secret-template';
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
  VersionSchema,
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
  DatabaseUserSchema,
  compareVersions,
  databaseTargetLabels,
} from './database-params';
import { imageReference } from './image-reference';
import { singleTargetScrapeJobs } from './scrape-job';

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
     * RenderContext.version, when given, wins (but configFiles has no context: a target other
     * than the default belongs here). Decides how .my.cnf writes $ and an IPv6 host.
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

/**
 * 0.15 moved .my.cnf parsing to config/config.go, which sets `cfg.ValueMapper = os.ExpandEnv`
 * (for `password = ${MYSQLD_EXPORTER_PASSWORD}`) and joins host and port with
 * net.JoinHostPort; 0.14 reads values as written and formats `tcp(host:port)` itself.
 */
export function mysqldReadsMyCnfThroughConfigPackage(version: string): boolean {
  return compareVersions(version, '0.15.0') >= 0;
}

export function mysqldMyCnfPath(params: MysqldExporterParams): string {
  return `${params.configDirectory}/.my.cnf`;
}

export function mysqldExporterArgs(params: MysqldExporterParams, listen: string): string[] {
  return [
    `--config.my-cnf=${mysqldMyCnfPath(params)}`,
    ...params.collectors.map((name) => `--collect.${name}`),
    `--web.listen-address=${listen}`,
  ];
}

/**
 * [client] as the target version reads it. The password's encoding refuses what that
 * version's parser would change (see go-ini-value.ts); 0.14 puts the host into
 * `tcp(host:port)` as written, so an IPv6 address goes in brackets there.
 */
function myCnfTemplate(params: MysqldExporterParams, version: string): SecretTemplate {
  const configPackage = mysqldReadsMyCnfThroughConfigPackage(version);
  const host =
    !configPackage && params.databaseHost.includes(':') ? `[${params.databaseHost}]` : params.databaseHost;
  return secretTemplate(configPackage ? 'my-cnf-expand-env' : 'my-cnf', (secret) =>
    [
      '[client]',
      `user=${params.databaseUser}`,
      `password=${secret(params.passwordSecretId)}`,
      `host=${host}`,
      `port=${params.databasePort}`,
      '',
    ].join('\n'),
  );
}

function credentialFile(
  params: MysqldExporterParams,
  version: string,
  installStyle: InstallStyle,
): ConfigFile {
  const containerized = installStyle === 'docker' || installStyle === 'compose';
  return {
    path: mysqldMyCnfPath(params),
    mode: 0o600,
    owner: containerized ? containerUser : `${params.user}:${params.user}`,
    ...myCnfTemplate(params, version),
  };
}

function container(params: MysqldExporterParams, context: RenderContext): ExporterContainer {
  const version = mysqldTargetVersion(params, context);
  return exporterContainer(params, {
    id: 'mysqld_exporter',
    version,
    image: imageReference(mysqldExporter.image, { ...context, version }),
    command: mysqldExporterArgs(params, `:${params.port}`),
    // The command names .my.cnf by its host path.
    binds: [sameFolderBind(params.configDirectory)],
  });
}

function systemdUnit(params: MysqldExporterParams): string {
  return databaseSystemdUnit({
    description: 'Prometheus MySQL Exporter',
    documentation: 'https://github.com/prometheus/mysqld_exporter',
    user: params.user,
    command: [
      params.binaryPath,
      ...mysqldExporterArgs(params, listenAddress(params.listenAddress, params.port)),
    ],
    environment: {},
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
    unit: systemdUnit(params),
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
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  systemdUnit,
  installScript: (params, context) => databaseInstallScript(installSpec(params, context)),
  uninstallScript: (params) => databaseUninstallScript(installSpec(params, {})),
  // The version here is the params' own: configFiles has no RenderContext.
  configFiles: (params, installStyle): ConfigFile[] => [
    { path: params.configDirectory, mode: 0o755, directory: true },
    credentialFile(params, mysqldTargetVersion(params, {}), installStyle),
  ],
  scrapeJobs: (params, scrape) =>
    singleTargetScrapeJobs(scrapeJobName, scrape, params.port, {
      labels: databaseTargetLabels(params.databaseHost, params.databasePort),
    }),
  alertRules: () =>
    exporterAlertRules('mysqld_exporter', [scrapeJobName], rulePackGroups('databases', ['MysqlDown'])),
  proofMetrics: () => ['mysql_up', 'mysqld_exporter_build_info'],
} satisfies ExporterDefinition<MysqldExporterParams>;
