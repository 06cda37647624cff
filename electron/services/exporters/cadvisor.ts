// cAdvisor: CPU, memory and I/O of every container on a Docker host. Runs as a
// container that reads the host through read-only binds, or as a Kubernetes DaemonSet,
// per the seed's exporters-configuration guide.
import { stringify } from 'yaml';
import { z } from 'zod';
import { rulePackGroups } from '../prometheus';
import { exporterAlertRules } from './alert-rules';
import { type ExporterDefinition, type RenderContext, versionOf } from './catalog-types';
import { exporterContainer, type ExporterContainer } from './container-spec';
import { imageReference } from './image-reference';
import { ContainerNameSchema, ListenAddressSchema, MemoryLimitSchema, PortSchema } from '@shared/contract';
import { singleTargetScrapeJobs } from './scrape-job';

/** Metric groups `--disable_metrics` accepts (cAdvisor 0.47). */
export const cadvisorMetricGroups = [
  'advtcp',
  'app',
  'cpu',
  'cpuLoad',
  'cpu_topology',
  'cpuset',
  'disk',
  'diskIO',
  'hugetlb',
  'memory',
  'memory_numa',
  'network',
  'oom_event',
  'percpu',
  'perf_event',
  'process',
  'referenced_memory',
  'resctrl',
  'sched',
  'tcp',
  'udp',
] as const;

/** A Kubernetes DNS label: namespaces and object names. */
const KubernetesNameSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a DNS label of lower-case letters, digits and -');
/** Kubernetes CPU quantity in millicores, e.g. 100m. */
const MilliCpuSchema = z.number().int().min(10).max(16_000);

export const CadvisorParamsSchema = z
  .object({
    port: PortSchema.default(8080),
    /** Host address the published port binds to; '' for every interface. */
    listenAddress: ListenAddressSchema.default(''),
    containerName: ContainerNameSchema.default('cadvisor'),
    memoryLimitMiB: MemoryLimitSchema.default(400),
    /** How often cAdvisor re-reads container stats; the seed's 30s keeps its CPU low. */
    housekeepingIntervalSeconds: z.number().int().min(1).max(3600).default(30),
    /** Only Docker containers, not every cgroup of the host. */
    dockerOnly: z.boolean().default(true),
    disabledMetrics: z
      .array(z.enum(cadvisorMetricGroups))
      .max(cadvisorMetricGroups.length)
      .refine((names) => new Set(names).size === names.length, 'a metric group is listed twice')
      .default(['disk', 'network', 'tcp', 'udp', 'percpu', 'sched', 'process']),
    /**
     * The seed runs it privileged: without it cAdvisor cannot read every cgroup or
     * /dev/kmsg (OOM events) on many hosts. Off trades those for less privilege.
     */
    privileged: z.boolean().default(true),
    kubernetes: z
      .object({
        namespace: KubernetesNameSchema.default('monitoring'),
        cpuRequestMilli: MilliCpuSchema.default(100),
        cpuLimitMilli: MilliCpuSchema.default(300),
        memoryRequestMiB: MemoryLimitSchema.default(200),
        memoryLimitMiB: MemoryLimitSchema.default(400),
      })
      .strict()
      .refine((k8s) => k8s.cpuRequestMilli <= k8s.cpuLimitMilli, 'the CPU request exceeds the limit')
      .refine((k8s) => k8s.memoryRequestMiB <= k8s.memoryLimitMiB, 'the memory request exceeds the limit')
      .prefault({}),
  })
  .strict();
export type CadvisorParams = z.output<typeof CadvisorParamsSchema>;

const defaultVersion = '0.47.2';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'cadvisor';
const image = { repository: 'gcr.io/cadvisor/cadvisor', tag: `v${defaultVersion}` };

/** The seed's read-only binds: host root, runtime sockets, cgroups, Docker's state, disk ids. */
const hostMounts = [
  { name: 'rootfs', hostPath: '/', mountPath: '/rootfs' },
  { name: 'var-run', hostPath: '/var/run', mountPath: '/var/run' },
  { name: 'sys', hostPath: '/sys', mountPath: '/sys' },
  { name: 'docker', hostPath: '/var/lib/docker', mountPath: '/var/lib/docker' },
  { name: 'disk', hostPath: '/dev/disk', mountPath: '/dev/disk' },
] as const;
const containerBinds = hostMounts.map((mount) => `${mount.hostPath}:${mount.mountPath}:ro`);
/** Kernel log, for OOM-kill events. */
const kmsgDevice = '/dev/kmsg';

export function cadvisorArgs(params: CadvisorParams): string[] {
  return [
    `--port=${params.port}`,
    `--housekeeping_interval=${params.housekeepingIntervalSeconds}s`,
    `--docker_only=${params.dockerOnly}`,
    ...(params.disabledMetrics.length > 0 ? [`--disable_metrics=${params.disabledMetrics.join(',')}`] : []),
  ];
}

function container(params: CadvisorParams, context: RenderContext): ExporterContainer {
  return exporterContainer(params, {
    id: 'cadvisor',
    version: versionOf(context, defaultVersion),
    image: imageReference(image, context),
    command: cadvisorArgs(params),
    binds: [...containerBinds],
    devices: [{ path: kmsgDevice, permissions: 'r' }],
    privileged: params.privileged,
  });
}

/**
 * The seed's DaemonSet: one pod a node, annotated for annotation-based discovery, with
 * requests and limits and a read-only root file system. Not privileged: in Kubernetes
 * the kubelet's own cAdvisor covers what the extra privilege would add.
 */
export function cadvisorDaemonSet(params: CadvisorParams, context: RenderContext): string {
  const k8s = params.kubernetes;
  const labels = { app: 'cadvisor', 'app.kubernetes.io/managed-by': 'promstead' };
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'cadvisor', namespace: k8s.namespace, labels: { ...labels } },
    spec: {
      selector: { matchLabels: { app: 'cadvisor' } },
      template: {
        metadata: {
          labels: { ...labels },
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(params.port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: 'cadvisor',
              image: imageReference(image, context),
              args: cadvisorArgs(params),
              ports: [{ name: 'metrics', containerPort: params.port, protocol: 'TCP' }],
              resources: {
                requests: { memory: `${k8s.memoryRequestMiB}Mi`, cpu: `${k8s.cpuRequestMilli}m` },
                limits: { memory: `${k8s.memoryLimitMiB}Mi`, cpu: `${k8s.cpuLimitMilli}m` },
              },
              securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
              livenessProbe: {
                httpGet: { path: '/healthz', port: 'metrics' },
                initialDelaySeconds: 10,
                periodSeconds: 30,
              },
              volumeMounts: hostMounts.map((mount) => ({
                name: mount.name,
                mountPath: mount.mountPath,
                readOnly: true,
              })),
            },
          ],
          volumes: hostMounts.map((mount) => ({ name: mount.name, hostPath: { path: mount.hostPath } })),
        },
      },
    },
  };
  return stringify(manifest, { lineWidth: 0 });
}

export const cadvisor = {
  id: 'cadvisor',
  name: 'cAdvisor',
  summary: 'CPU, memory, file system and network use of every container on a host.',
  defaultPort: 8080,
  version: defaultVersion,
  image,
  params: CadvisorParamsSchema,
  installStyles: ['docker', 'compose', 'k8s'],
  dockerContainer: (params, context) => container(params, context).docker,
  composeService: (params, context) => container(params, context).compose,
  kubernetesManifest: cadvisorDaemonSet,
  configFiles: () => [],
  scrapeJobs: (params, scrape) => singleTargetScrapeJobs(scrapeJobName, scrape, params.port),
  alertRules: () => exporterAlertRules('cadvisor', [scrapeJobName], rulePackGroups('cadvisor')),
  proofMetrics: (params) => [
    'cadvisor_version_info',
    'container_last_seen',
    ...(params.disabledMetrics.includes('cpu') ? [] : ['container_cpu_usage_seconds_total']),
    ...(params.disabledMetrics.includes('memory') ? [] : ['container_memory_working_set_bytes']),
  ],
} satisfies ExporterDefinition<CadvisorParams>;
