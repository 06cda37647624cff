// node_exporter: host metrics of a Linux machine. Installed as a binary with a systemd
// unit or as a container that sees the host through read-only binds, per the seed's
// exporters-configuration guide.
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import { binaryInstallScript, binaryUninstallScript } from './binary-install';
import { versionOf, type ExporterDefinition, type RenderContext } from './catalog-types';
import { exporterContainer, type ExporterContainer } from './container-spec';
import { imageReference } from './image-reference';
import {
  AbsolutePathSchema,
  ContainerNameSchema,
  LinuxArchitectureSchema,
  ListenAddressSchema,
  MemoryLimitSchema,
  PortSchema,
  SystemUserSchema,
  listenAddress,
  type LinuxArchitecture,
} from '@shared/contract';
import { singleTargetScrapeJobs } from './scrape-job';
import { serviceUnit } from './systemd-unit';

/** Collectors that are off by default in node_exporter 1.5 (Debian 12) and 1.8 alike. */
export const optionalNodeCollectors = [
  'buddyinfo',
  'drbd',
  'ethtool',
  'interrupts',
  'ksmd',
  'lnstat',
  'logind',
  'meminfo_numa',
  'mountstats',
  'network_route',
  'ntp',
  'perf',
  'processes',
  'qdisc',
  'systemd',
  'tcpstat',
  'wifi',
  'zoneinfo',
] as const;

export const NodeExporterParamsSchema = z
  .object({
    port: PortSchema.default(9100),
    /** '' listens on every interface. */
    listenAddress: ListenAddressSchema.default(''),
    extraCollectors: z
      .array(z.enum(optionalNodeCollectors))
      .max(optionalNodeCollectors.length)
      .refine((names) => new Set(names).size === names.length, 'a collector is listed twice')
      .default(['systemd', 'processes']),
    textfileDirectory: AbsolutePathSchema.default('/var/lib/node_exporter/textfile_collector'),
    binaryPath: AbsolutePathSchema.default('/usr/local/bin/node_exporter'),
    user: SystemUserSchema.default('node_exporter'),
    arch: LinuxArchitectureSchema.default('amd64'),
    containerName: ContainerNameSchema.default('node_exporter'),
    memoryLimitMiB: MemoryLimitSchema.default(128),
    /** Host network shows the host's interfaces in node_network_*; bridge only the container's. */
    hostNetwork: z.boolean().default(true),
    /**
     * How the container's bind of the host's / propagates mounts. 'rslave' (the seed's
     * choice) shows disks mounted later without a restart, but dockerd refuses it unless
     * the host's / is a shared or slave mount ("path / is mounted on / but it is not a
     * shared or slave mount"), which systemd makes it and NAS systems without systemd often
     * do not; there 'private' binds it as it is, and a disk mounted later needs a restart.
     * The deploy preflight reads the host's propagation to choose.
     */
    hostRootPropagation: z.enum(['rslave', 'private']).default('rslave'),
  })
  .strict();
export type NodeExporterParams = z.output<typeof NodeExporterParamsSchema>;

const defaultVersion = '1.8.2';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'node';
const unitName = 'node_exporter.service';
/** Where the container sees the host's root file system. */
const hostRoot = '/host';

// From the seed: pseudo and container file systems say nothing about disk space.
const mountPointsExclude = '^/(dev|proc|sys|var/lib/docker/.+|var/lib/kubelet/.+)($|/)';
const containerMountPointsExclude = '^/(dev|proc|sys|host|etc|var/lib/docker/.+|var/lib/kubelet/.+)($|/)';
const fsTypesExclude =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';

const binary = {
  releaseUrl: (version: string, arch: LinuxArchitecture): string =>
    `https://github.com/prometheus/node_exporter/releases/download/v${version}/node_exporter-${version}.linux-${arch}.tar.gz`,
  checksumsUrl: (version: string): string =>
    `https://github.com/prometheus/node_exporter/releases/download/v${version}/sha256sums.txt`,
  archiveBinaryPath: (version: string, arch: LinuxArchitecture): string =>
    `node_exporter-${version}.linux-${arch}/node_exporter`,
};

function collectorFlags(params: NodeExporterParams): string[] {
  return params.extraCollectors.map((name) => `--collector.${name}`);
}

/** The flags of a binary install, reading the host's own /proc and /sys. */
export function nodeExporterHostArgs(params: NodeExporterParams): string[] {
  return [
    ...collectorFlags(params),
    `--collector.filesystem.mount-points-exclude=${mountPointsExclude}`,
    `--collector.filesystem.fs-types-exclude=${fsTypesExclude}`,
    `--collector.textfile.directory=${params.textfileDirectory}`,
    `--web.listen-address=${listenAddress(params.listenAddress, params.port)}`,
  ];
}

/** The flags inside a container, where the host is mounted at /host. */
export function nodeExporterContainerArgs(params: NodeExporterParams): string[] {
  return [
    `--path.rootfs=${hostRoot}`,
    `--path.procfs=${hostRoot}/proc`,
    `--path.sysfs=${hostRoot}/sys`,
    ...collectorFlags(params),
    `--collector.filesystem.mount-points-exclude=${containerMountPointsExclude}`,
    `--collector.filesystem.fs-types-exclude=${fsTypesExclude}`,
    `--collector.textfile.directory=${hostRoot}${params.textfileDirectory}`,
    `--web.listen-address=${listenAddress(params.listenAddress, params.port)}`,
  ];
}

/**
 * Docker binds recursively, but older engines make only the top of a recursive bind
 * read-only, so /proc and /sys get their own read-only binds. rslave lets mounts made
 * on the host later (a USB disk) show up without a restart, where the host allows it
 * (hostRootPropagation).
 */
function containerBinds(params: NodeExporterParams): string[] {
  const rootOptions = params.hostRootPropagation === 'rslave' ? 'ro,rslave' : 'ro';
  const binds = [`/:${hostRoot}:${rootOptions}`, `/proc:${hostRoot}/proc:ro`, `/sys:${hostRoot}/sys:ro`];
  // The systemd collector talks to systemd over the system D-Bus socket.
  if (params.extraCollectors.includes('systemd')) {
    binds.push('/run/dbus/system_bus_socket:/run/dbus/system_bus_socket:ro');
  }
  return binds;
}

function container(params: NodeExporterParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'node_exporter',
    version: versionOf(context, defaultVersion),
    image: imageReference(nodeExporter.image, context),
    command: nodeExporterContainerArgs(params),
    binds: containerBinds(params),
    network: params.hostNetwork ? 'host' : 'bridge',
    // As upstream's README runs it (--pid=host).
    hostPid: true,
  });
}

function systemdUnit(params: NodeExporterParams): string {
  return serviceUnit({
    description: 'Prometheus Node Exporter',
    documentation: 'https://github.com/prometheus/node_exporter',
    user: params.user,
    command: [params.binaryPath, ...nodeExporterHostArgs(params)],
    // It only reads: keep it from writing anywhere or gaining privileges.
    protectHome: 'read-only',
  });
}

function installScript(params: NodeExporterParams, context: RenderContext): string {
  const version = versionOf(context, defaultVersion);
  return binaryInstallScript({
    exporterName: 'node_exporter',
    version,
    arch: params.arch,
    binary,
    archiveName: `node_exporter-${version}.linux-${params.arch}.tar.gz`,
    binaryPath: params.binaryPath,
    user: params.user,
    unitName,
    unit: systemdUnit(params),
    variables: { textfile_dir: params.textfileDirectory },
    directories: `install -d -o root -g root -m 0755 -- "$(dirname -- "$textfile_dir")"
install -d -o "$service_user" -g "$service_user" -m 0755 -- "$textfile_dir"`,
  });
}

function uninstallScript(params: NodeExporterParams): string {
  return binaryUninstallScript({
    header: `# Removes the node_exporter service that Promstead installed. The textfile directory is
# kept: other jobs write metrics there.`,
    binaryPath: params.binaryPath,
    user: params.user,
    unitName,
    variables: {},
  });
}

export const nodeExporter = {
  id: 'node_exporter',
  name: 'Node Exporter',
  summary: 'CPU, memory, disks, file systems, network and systemd units of a Linux host.',
  defaultPort: 9100,
  version: defaultVersion,
  image: { repository: 'prom/node-exporter', tag: `v${defaultVersion}` },
  binary,
  params: NodeExporterParamsSchema,
  installStyles: ['docker', 'compose', 'systemd'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  systemdUnit,
  installScript,
  uninstallScript,
  // Other jobs drop *.prom files here; the exporter only reads them.
  configFiles: (params, installStyle) => [
    {
      path: params.textfileDirectory,
      mode: 0o755,
      directory: true,
      ...(installStyle === 'systemd' ? { owner: `${params.user}:${params.user}` } : {}),
    },
  ],
  scrapeJobs: (params, scrape) => singleTargetScrapeJobs(scrapeJobName, scrape, params.port),
  alertRules: () => exporterAlertRules('node_exporter', [scrapeJobName], rulePackGroups('node')),
  proofMetrics: (params) => [
    'node_exporter_build_info',
    'node_cpu_seconds_total',
    'node_memory_MemTotal_bytes',
    'node_filesystem_avail_bytes',
    'node_textfile_scrape_error',
    ...(params.extraCollectors.includes('systemd') ? ['node_systemd_unit_state'] : []),
    ...(params.extraCollectors.includes('processes') ? ['node_processes_threads'] : []),
  ],
} satisfies ExporterDefinition<NodeExporterParams>;
