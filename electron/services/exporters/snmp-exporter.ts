// snmp_exporter: polls switches, NAS boxes, access points and UPSes over SNMP, the
// multi-target way. snmp.yml holds community strings and v3 keys, so configFiles writes
// it as a secret template (secret-template.ts) that the deploy step fills.
import { z } from 'zod';
import { type MultiTargetJob, rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import {
  type ConfigFile,
  type ExporterDefinition,
  type InstallStyle,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { exporterContainer, sameFolderBind, type ExporterContainer } from './container-spec';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
  listenAddress,
  ListenAddressSchema,
  MemoryLimitSchema,
  PortSchema,
  ProbeHostSchema,
  VersionSchema,
} from '@shared/contract';
import { imageReference } from './image-reference';
import { secretTemplate } from './secret-template';
import {
  SnmpAuthParamsSchema,
  SnmpNameSchema,
  builtinSnmpModuleNames,
  builtinSnmpModules,
  legacyModuleName,
  renderSnmpYamlLegacy,
  renderSnmpYamlSplit,
  snmpLayoutFor,
  toSnmpAuth,
  type BuiltinSnmpModule,
  type ResolveSecret,
  type SnmpConfig,
  type SnmpLayout,
} from './snmp-modules';

/** A device to poll: host or host:port (161 by default). */
const SnmpTargetSchema = z.union([
  ProbeHostSchema,
  z.string().regex(/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'host:port'),
]);

export const SnmpPollSchema = z
  .object({
    module: z.enum(builtinSnmpModuleNames as [BuiltinSnmpModule, ...BuiltinSnmpModule[]]),
    auth: SnmpNameSchema,
    targets: z.array(SnmpTargetSchema).min(1).max(256),
  })
  .strict();

export const SnmpExporterParamsSchema = z
  .object({
    port: PortSchema.default(9116),
    listenAddress: ListenAddressSchema.default(''),
    configDirectory: AbsolutePathSchema.default('/etc/promstead/snmp_exporter'),
    containerName: ContainerNameSchema.default('snmp_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(64),
    /** The snmp_exporter version snmp.yml is written for: 0.21 (Debian) or ≥ 0.23. */
    targetVersion: VersionSchema.optional(),
    auths: z.array(SnmpAuthParamsSchema).min(1).max(32),
    polls: z.array(SnmpPollSchema).min(1).max(64),
  })
  .strict()
  .superRefine((params, context) => {
    const names = params.auths.map((auth) => auth.name);
    if (new Set(names).size !== names.length) {
      context.addIssue({ code: 'custom', message: 'two auths have the same name', path: ['auths'] });
    }
    params.polls.forEach((poll, index) => {
      if (!names.includes(poll.auth)) {
        context.addIssue({
          code: 'custom',
          message: `no auth named ${poll.auth}`,
          path: ['polls', index, 'auth'],
        });
      }
    });
    const pairs = params.polls.map((poll) => `${poll.module}/${poll.auth}`);
    if (new Set(pairs).size !== pairs.length) {
      context.addIssue({ code: 'custom', message: 'poll the same module and auth once', path: ['polls'] });
    }
  });
export type SnmpExporterParams = z.output<typeof SnmpExporterParamsSchema>;

const defaultVersion = '0.26.0';
const containerUser = '65534:65534';

function layoutOf(params: SnmpExporterParams, version: string = defaultVersion): SnmpLayout {
  return snmpLayoutFor(params.targetVersion ?? version);
}

export function snmpConfigModel(params: SnmpExporterParams): SnmpConfig {
  const used = new Set(params.polls.map((poll) => poll.module));
  return {
    auths: Object.fromEntries(params.auths.map((auth) => [auth.name, toSnmpAuth(auth)])),
    modules: Object.fromEntries(
      builtinSnmpModuleNames.filter((name) => used.has(name)).map((name) => [name, builtinSnmpModules[name]]),
    ),
  };
}

/** snmp.yml in the layout of the version the params target; `resolveSecret` writes each secret. */
export function renderSnmpConfigFile(
  params: SnmpExporterParams,
  resolveSecret: ResolveSecret,
  version: string = defaultVersion,
): string {
  const model = snmpConfigModel(params);
  return layoutOf(params, version) === 'split'
    ? renderSnmpYamlSplit(model, resolveSecret)
    : renderSnmpYamlLegacy(model, params.polls, resolveSecret);
}

function snmpJobName(poll: { module: string; auth: string }): string {
  return `snmp_${poll.module}_${poll.auth}`;
}

function configPath(params: SnmpExporterParams): string {
  return `${params.configDirectory}/snmp.yml`;
}

function containerArgs(params: SnmpExporterParams): string[] {
  return [`--config.file=${configPath(params)}`, `--web.listen-address=:${params.port}`];
}

function container(params: SnmpExporterParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'snmp_exporter',
    version: versionOf(context, defaultVersion),
    image: imageReference(snmpExporter.image, context),
    command: containerArgs(params),
    binds: [sameFolderBind(params.configDirectory)],
  });
}

function configFiles(params: SnmpExporterParams, installStyle: InstallStyle): ConfigFile[] {
  const inContainer = installStyle === 'docker' || installStyle === 'compose';
  return [
    { path: params.configDirectory, mode: 0o755, directory: true },
    {
      path: configPath(params),
      // Holds communities and v3 keys once filled.
      mode: 0o600,
      ...(inContainer ? { owner: containerUser } : {}),
      ...secretTemplate('yaml', (secret) => renderSnmpConfigFile(params, secret)),
    },
  ];
}

export const snmpExporter = {
  id: 'snmp_exporter',
  name: 'SNMP Exporter',
  summary: 'Switch ports, NAS health, access points and UPSes, polled over SNMP.',
  defaultPort: 9116,
  version: defaultVersion,
  image: { repository: 'prom/snmp-exporter', tag: `v${defaultVersion}` },
  params: SnmpExporterParamsSchema,
  installStyles: ['docker', 'compose'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  configFiles,
  // Its answer is the proof: a rejected snmp.yml gives HTTP 500 and the old modules stay.
  reload: { method: 'POST', path: '/-/reload' },
  scrapeJobs: (params, scrape) => {
    const split = layoutOf(params) === 'split';
    return {
      jobs: [],
      multiTargetJobs: params.polls.map((poll): MultiTargetJob => ({
        jobName: snmpJobName(poll),
        tier: scrape.tier,
        exporterAddress: listenAddress(scrape.host, params.port),
        metricsPath: '/snmp',
        ...(split
          ? { module: poll.module, auth: poll.auth }
          : { module: legacyModuleName(poll.module, poll.auth) }),
        targets: [...poll.targets],
      })),
    };
  },
  alertRules: (params) =>
    exporterAlertRules('snmp_exporter', params.polls.map(snmpJobName), rulePackGroups('snmp')),
  proofMetrics: () => ['snmp_exporter_build_info'],
} satisfies ExporterDefinition<SnmpExporterParams>;
