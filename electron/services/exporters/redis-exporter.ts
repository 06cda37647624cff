// redis_exporter: Redis memory, clients, commands, keyspace and the sizes of chosen keys.
// The password goes through REDIS_PASSWORD_FILE, which redis_exporter reads as a JSON map
// from the Redis URI to its password; the deploy step fills it from a SecretStore id.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import { secretTemplate } from './secret-template';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
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
import { DatabaseHostSchema, DatabaseUserSchema, databaseTargetLabels, hostPort } from './database-params';
import { imageReference } from './image-reference';
import { singleTargetScrapeJobs } from './scrape-job';

/**
 * A SCAN pattern, optionally for one database (db3=pattern). Glob characters are allowed;
 * commas (the list separator), spaces, quotes and shell metacharacters are not.
 */
export const RedisKeyPatternSchema = z
  .string()
  .regex(/^(db\d{1,2}=)?[A-Za-z0-9:_.*?[\]{}/@#+-]{1,200}$/, 'a key pattern like myapp:user:* or db3=jobs:*')
  .refine((pattern) => !/^(db\d{1,2}=)?\*+$/.test(pattern), {
    message: 'a pattern matching every key would export every key: narrow it',
  });

/** A single key name: the same characters without glob wildcards. */
export const RedisKeySchema = z
  .string()
  .regex(/^(db\d{1,2}=)?[A-Za-z0-9:_.{}/@#+-]{1,200}$/, 'a key name like myapp:config');

export const RedisExporterParamsSchema = z
  .object({
    port: PortSchema.default(9121),
    /** '' listens on every interface. */
    listenAddress: ListenAddressSchema.default(''),
    redisHost: DatabaseHostSchema.default('localhost'),
    redisPort: PortSchema.default(6379),
    tls: z.boolean().default(false),
    /** Redis 6 ACL user; the default user when absent. */
    redisUser: DatabaseUserSchema.optional(),
    /** Absent for a Redis without a password. */
    passwordSecretId: SecretIdSchema.optional(),
    checkKeys: z
      .array(RedisKeyPatternSchema)
      .max(32)
      .refine((keys) => new Set(keys).size === keys.length, 'a pattern is listed twice')
      .default([]),
    checkSingleKeys: z
      .array(RedisKeySchema)
      .max(32)
      .refine((keys) => new Set(keys).size === keys.length, 'a key is listed twice')
      .default([]),
    includeSystemMetrics: z.boolean().default(true),
    configDirectory: AbsolutePathSchema.default('/etc/promstead/redis_exporter'),
    binaryPath: AbsolutePathSchema.default('/usr/local/bin/redis_exporter'),
    user: SystemUserSchema.default('redis_exporter'),
    /** The architectures redis_exporter publishes release archives for. */
    arch: z.enum(['amd64', 'arm64', '386']).default('amd64'),
    containerName: ContainerNameSchema.default('redis_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(64),
  })
  .strict();
export type RedisExporterParams = z.output<typeof RedisExporterParamsSchema>;

const defaultVersion = '1.58.0';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'redis';
const unitName = 'redis_exporter.service';
/** The image runs as this uid. */
const containerUser = '59000:59000';

const binary = {
  releaseUrl: (version: string, arch: string): string =>
    `https://github.com/oliver006/redis_exporter/releases/download/v${version}/redis_exporter-v${version}.linux-${arch}.tar.gz`,
  checksumsUrl: (version: string): string =>
    `https://github.com/oliver006/redis_exporter/releases/download/v${version}/sha256sums.txt`,
  archiveBinaryPath: (version: string, arch: string): string =>
    `redis_exporter-v${version}.linux-${arch}/redis_exporter`,
};

export function redisAddress(params: RedisExporterParams): string {
  return `${params.tls ? 'rediss' : 'redis'}://${hostPort(params.redisHost, params.redisPort)}`;
}

export function redisPasswordFilePath(params: RedisExporterParams): string {
  return `${params.configDirectory}/password.json`;
}

export function redisExporterEnvironment(params: RedisExporterParams): Record<string, string> {
  return {
    REDIS_ADDR: redisAddress(params),
    ...(params.redisUser ? { REDIS_USER: params.redisUser } : {}),
    ...(params.passwordSecretId ? { REDIS_PASSWORD_FILE: redisPasswordFilePath(params) } : {}),
  };
}

export function redisExporterArgs(params: RedisExporterParams, listen: string): string[] {
  return [
    ...(params.checkKeys.length > 0 ? [`--check-keys=${params.checkKeys.join(',')}`] : []),
    ...(params.checkSingleKeys.length > 0 ? [`--check-single-keys=${params.checkSingleKeys.join(',')}`] : []),
    ...(params.includeSystemMetrics ? ['--include-system-metrics'] : []),
    '--is-tile38=false',
    `--web.listen-address=${listen}`,
  ];
}

/** The map's key must be the address exactly as REDIS_ADDR gives it. */
function passwordFile(params: RedisExporterParams, secretId: string, installStyle: InstallStyle): ConfigFile {
  const containerized = installStyle === 'docker' || installStyle === 'compose';
  return {
    path: redisPasswordFilePath(params),
    mode: 0o600,
    owner: containerized ? containerUser : `${params.user}:${params.user}`,
    ...secretTemplate(
      'json-string',
      (secret) => `{${JSON.stringify(redisAddress(params))}: ${secret(secretId)}}\n`,
    ),
  };
}

function configFiles(params: RedisExporterParams, installStyle: InstallStyle): ConfigFile[] {
  return [
    { path: params.configDirectory, mode: 0o755, directory: true },
    ...(params.passwordSecretId ? [passwordFile(params, params.passwordSecretId, installStyle)] : []),
  ];
}

function container(params: RedisExporterParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'redis_exporter',
    version: versionOf(context, defaultVersion),
    image: imageReference(redisExporter.image, context),
    command: redisExporterArgs(params, `:${params.port}`),
    environment: redisExporterEnvironment(params),
    // The environment names files in the config folder by their host paths.
    binds: [sameFolderBind(params.configDirectory)],
  });
}

function systemdUnit(params: RedisExporterParams): string {
  return databaseSystemdUnit({
    description: 'Prometheus Redis Exporter',
    documentation: 'https://github.com/oliver006/redis_exporter',
    user: params.user,
    command: [
      params.binaryPath,
      ...redisExporterArgs(params, listenAddress(params.listenAddress, params.port)),
    ],
    environment: redisExporterEnvironment(params),
  });
}

function installSpec(
  params: RedisExporterParams,
  context: RenderContext,
): Parameters<typeof databaseInstallScript>[0] {
  return {
    exporterName: 'redis_exporter',
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

export const redisExporter = {
  id: 'redis_exporter',
  name: 'Redis Exporter',
  summary: 'Redis memory, clients, commands, keyspace, replication and the size of chosen keys.',
  defaultPort: 9121,
  version: defaultVersion,
  image: { repository: 'oliver006/redis_exporter', tag: `v${defaultVersion}` },
  binary,
  params: RedisExporterParamsSchema,
  installStyles: ['docker', 'compose', 'systemd'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  systemdUnit,
  installScript: (params, context) => databaseInstallScript(installSpec(params, context)),
  uninstallScript: (params) => databaseUninstallScript(installSpec(params, {})),
  configFiles,
  scrapeJobs: (params, scrape) =>
    singleTargetScrapeJobs(scrapeJobName, scrape, params.port, {
      labels: databaseTargetLabels(params.redisHost, params.redisPort),
    }),
  alertRules: () =>
    exporterAlertRules('redis_exporter', [scrapeJobName], rulePackGroups('databases', ['RedisDown'])),
  proofMetrics: () => ['redis_up', 'redis_exporter_build_info'],
} satisfies ExporterDefinition<RedisExporterParams>;
