// blackbox_exporter: probes websites, ports, hosts and DNS from where it runs, the
// multi-target way (Prometheus passes target and module per scrape). One job per module.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import {
  AbsolutePathSchema,
  BlackboxModuleParamsSchema,
  ContainerNameSchema,
  listenAddress,
  ListenAddressSchema,
  MemoryLimitSchema,
  moduleName,
  PortSchema,
} from '@shared/contract';
import { bearerTokenPath, blackboxConfig, renderBlackboxYaml } from './blackbox-modules';
import {
  type ConfigFile,
  type ExporterDefinition,
  type InstallStyle,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { exporterContainer, sameFolderBind, type ExporterContainer } from './container-spec';
import { imageReference } from './image-reference';
import { literalContent, secretTemplate } from './secret-template';

export const BlackboxExporterParamsSchema = z
  .object({
    port: PortSchema.default(9115),
    /** Host address the published port binds to; '' for every interface. */
    listenAddress: ListenAddressSchema.default(''),
    /** Holds blackbox.yml and secrets/; bound at the same path inside the container. */
    configDirectory: AbsolutePathSchema.default('/etc/promstead/blackbox_exporter'),
    containerName: ContainerNameSchema.default('blackbox_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(64),
    modules: z
      .array(BlackboxModuleParamsSchema)
      .min(1)
      .max(64)
      .refine(
        (modules) => new Set(modules.map(moduleName)).size === modules.length,
        'two modules have the same name: give one a name of its own',
      ),
  })
  .strict();
export type BlackboxExporterParams = z.output<typeof BlackboxExporterParamsSchema>;

const defaultVersion = '0.24.0';
/** The image runs as nobody. */
const containerUser = '65534:65534';

function blackboxJobName(module: BlackboxExporterParams['modules'][number]): string {
  return `blackbox_${moduleName(module)}`;
}

function configPath(params: BlackboxExporterParams): string {
  return `${params.configDirectory}/blackbox.yml`;
}

function needsRawSockets(params: BlackboxExporterParams): boolean {
  return params.modules.some((module) => module.preset === 'icmp');
}

function containerArgs(params: BlackboxExporterParams): string[] {
  return [`--config.file=${configPath(params)}`, `--web.listen-address=:${params.port}`];
}

function container(params: BlackboxExporterParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'blackbox_exporter',
    version: versionOf(context, defaultVersion),
    image: imageReference(blackboxExporter.image, context),
    command: containerArgs(params),
    // The same path inside and out, so bearer_token_file paths in blackbox.yml hold for both.
    binds: [sameFolderBind(params.configDirectory)],
    // ICMP probes open raw sockets where unprivileged ping is not allowed.
    capabilities: needsRawSockets(params) ? ['NET_RAW'] : [],
  });
}

function configFiles(params: BlackboxExporterParams, installStyle: InstallStyle): ConfigFile[] {
  const owner = installStyle === 'docker' || installStyle === 'compose' ? containerUser : undefined;
  const ownership = owner ? { owner } : {};
  const secrets = params.modules.flatMap((module) =>
    module.preset === 'http_post_auth'
      ? [
          {
            path: bearerTokenPath(params.configDirectory, moduleName(module)),
            mode: 0o600,
            ...ownership,
            ...secretTemplate('raw', (secret) => secret(module.bearerTokenSecretId)),
          },
        ]
      : [],
  );
  return [
    { path: params.configDirectory, mode: 0o755, directory: true },
    ...(secrets.length > 0
      ? [{ path: `${params.configDirectory}/secrets`, mode: 0o700, directory: true as const, ...ownership }]
      : []),
    {
      path: configPath(params),
      mode: 0o644,
      ...literalContent(renderBlackboxYaml(blackboxConfig(params.modules, params.configDirectory))),
    },
    ...secrets,
  ];
}

export const blackboxExporter = {
  id: 'blackbox_exporter',
  name: 'Blackbox Exporter',
  summary: 'Whether websites, ports, hosts and DNS answer, from the outside: status, latency, TLS expiry.',
  defaultPort: 9115,
  version: defaultVersion,
  image: { repository: 'prom/blackbox-exporter', tag: `v${defaultVersion}` },
  params: BlackboxExporterParamsSchema,
  installStyles: ['docker', 'compose'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  configFiles,
  reload: {
    method: 'POST',
    path: '/-/reload',
    successGauge: 'blackbox_exporter_config_last_reload_successful',
  },
  scrapeJobs: (params, scrape) => ({
    jobs: [],
    multiTargetJobs: params.modules.map((module) => ({
      jobName: blackboxJobName(module),
      tier: scrape.tier,
      exporterAddress: listenAddress(scrape.host, params.port),
      metricsPath: '/probe',
      module: moduleName(module),
      targets: [...module.targets],
    })),
  }),
  alertRules: (params) =>
    exporterAlertRules('blackbox_exporter', params.modules.map(blackboxJobName), rulePackGroups('blackbox')),
  // /metrics of the exporter itself; probe_* series appear only on /probe.
  proofMetrics: () => ['blackbox_exporter_build_info', 'blackbox_exporter_config_last_reload_successful'],
} satisfies ExporterDefinition<BlackboxExporterParams>;
