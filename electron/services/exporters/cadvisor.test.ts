import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CadvisorParamsSchema, cadvisor, cadvisorArgs, cadvisorDaemonSet } from './cadvisor';
import { renderComposeFile } from './compose-file';

const defaults = CadvisorParamsSchema.parse({});

describe('cadvisor params', () => {
  it('has the seed defaults', () => {
    expect(cadvisorArgs(defaults)).toEqual([
      '--port=8080',
      '--housekeeping_interval=30s',
      '--docker_only=true',
      '--disable_metrics=disk,network,tcp,udp,percpu,sched,process',
    ]);
    expect(defaults.kubernetes).toEqual({
      namespace: 'monitoring',
      cpuRequestMilli: 100,
      cpuLimitMilli: 300,
      memoryRequestMiB: 200,
      memoryLimitMiB: 400,
    });
  });

  it.each([
    { port: 0 },
    { port: '8080' },
    { listenAddress: 'example.com' },
    { containerName: '--privileged' },
    { housekeepingIntervalSeconds: 0 },
    { housekeepingIntervalSeconds: 1.5 },
    { disabledMetrics: ['disk,cpu'] },
    { disabledMetrics: ['$(reboot)'] },
    { disabledMetrics: ['disk', 'disk'] },
    { privileged: 'yes' },
    { kubernetes: { namespace: 'Monitoring' } },
    { kubernetes: { namespace: 'a\nkind: Secret' } },
    { kubernetes: { cpuRequestMilli: 500, cpuLimitMilli: 300 } },
    { kubernetes: { memoryRequestMiB: 800 } },
    { kubernetes: { hostNetwork: true } },
    { unknown: true },
  ])('refuses %j', (input) => {
    expect(CadvisorParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('cadvisor artefacts', () => {
  it('renders the container with the seed mounts read-only and /dev/kmsg', async () => {
    const container = cadvisor.dockerContainer(defaults, { imageRegistryMirror: 'registry.lan:5000' });
    expect(container.Image).toBe('registry.lan:5000/cadvisor/cadvisor:v0.47.2');
    expect(container.HostConfig?.Binds).toEqual([
      '/:/rootfs:ro',
      '/var/run:/var/run:ro',
      '/sys:/sys:ro',
      '/var/lib/docker:/var/lib/docker:ro',
      '/dev/disk:/dev/disk:ro',
    ]);
    expect(container.HostConfig?.Devices).toEqual([
      { PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'r' },
    ]);
    expect(container.HostConfig?.Privileged).toBe(true);
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/cadvisor-container.json.golden',
    );
  });

  it('drops privileged when asked', () => {
    const unprivileged = CadvisorParamsSchema.parse({ privileged: false });
    expect(cadvisor.dockerContainer(unprivileged, {}).HostConfig?.Privileged).toBe(false);
    expect(cadvisor.composeService(unprivileged, {}).service).not.toHaveProperty('privileged');
  });

  it('renders the compose service', async () => {
    const compose = renderComposeFile([cadvisor.composeService(defaults, {})]);
    const parsed = parse(compose) as { services: { cadvisor: Record<string, unknown> } };
    expect(parsed.services.cadvisor).toMatchObject({ privileged: true, devices: ['/dev/kmsg:/dev/kmsg:r'] });
    await expect(compose).toMatchFileSnapshot('__golden__/cadvisor-compose.yml.golden');
  });

  it('renders a DaemonSet that parses back with the seed shape', async () => {
    expect(cadvisorDaemonSet(defaults, {})).not.toMatch(/[&*]a\d/);
    const text = cadvisorDaemonSet(defaults, {});
    await expect(text).toMatchFileSnapshot('__golden__/cadvisor-daemonset.yaml.golden');
    const manifest = parse(text) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string; namespace: string };
      spec: {
        selector: { matchLabels: Record<string, string> };
        template: {
          metadata: { labels: Record<string, string>; annotations: Record<string, string> };
          spec: {
            automountServiceAccountToken: boolean;
            containers: {
              image: string;
              resources: { requests: Record<string, string>; limits: Record<string, string> };
              securityContext: Record<string, boolean>;
              volumeMounts: { name: string; readOnly: boolean }[];
            }[];
            volumes: { name: string; hostPath: { path: string } }[];
          };
        };
      };
    };
    expect(manifest.apiVersion).toBe('apps/v1');
    expect(manifest.kind).toBe('DaemonSet');
    expect(manifest.metadata).toEqual(expect.objectContaining({ name: 'cadvisor', namespace: 'monitoring' }));
    const { template, selector } = manifest.spec;
    // The selector must match the pod labels or the API server rejects the DaemonSet.
    expect(template.metadata.labels).toMatchObject(selector.matchLabels);
    expect(template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '8080',
      'prometheus.io/path': '/metrics',
    });
    expect(template.spec.automountServiceAccountToken).toBe(false);
    const [container] = template.spec.containers;
    expect(container?.image).toBe('gcr.io/cadvisor/cadvisor:v0.47.2');
    expect(container?.resources).toEqual({
      requests: { memory: '200Mi', cpu: '100m' },
      limits: { memory: '400Mi', cpu: '300m' },
    });
    expect(container?.securityContext).toEqual({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(container?.volumeMounts.every((mount) => mount.readOnly)).toBe(true);
    expect(template.spec.volumes.map((volume) => volume.name).sort()).toEqual(
      container?.volumeMounts.map((mount) => mount.name).sort(),
    );
  });

  it('scrapes host:port and proves itself with container series', () => {
    expect(cadvisor.scrapeJobs(defaults, { host: 'docker.lan', tier: 'standard' }).jobs).toEqual([
      { jobName: 'cadvisor', tier: 'standard', staticConfigs: [{ targets: ['docker.lan:8080'] }] },
    ]);
    expect(cadvisor.proofMetrics(defaults)).toEqual(
      expect.arrayContaining(['cadvisor_version_info', 'container_cpu_usage_seconds_total']),
    );
  });
});
