import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeploymentRecord, ScrapeTarget } from '@shared/contract';

const api = {
  metrics: { previewDrops: vi.fn(), saveDrops: vi.fn() },
  deploy: { list: vi.fn() },
};
vi.mock('../../api', () => ({ getClient: () => ({ api }) }));
const planFor = vi.fn();
vi.mock('../deploy.store', () => ({ useDeployStore: { getState: () => ({ planFor }) } }));

const { useDropsStore, saveRefusal, familyRule, labelValueRule } = await import('./metrics-drops.store');

const deployment: ScrapeTarget = { kind: 'deployment', hostId: 'nas', exporter: 'node_exporter' };
const prometheus: DeploymentRecord = {
  hostId: 'nas',
  exporter: 'prometheus',
  method: 'docker',
  // As recorded after a deploy: with the config that deploy rendered.
  params: { port: 9090, configContent: 'scrape_configs: []\n', rulesContent: 'groups: []\n' },
  version: '3.1.0',
  created: { containers: [], images: [], files: [], directories: [], units: [], users: [] },
  scrapeAddress: '10.0.0.5:9090',
  deployedAt: 1,
};

beforeEach(() => {
  vi.clearAllMocks();
  useDropsStore.setState({
    target: undefined,
    rules: [],
    preview: { status: 'idle' },
    save: { status: 'idle' },
  });
});

describe('drop rules', () => {
  it('match exactly a family’s own sample names, and a label value literally', () => {
    const rule = familyRule('node_scrape_collector_duration_seconds');
    const names = new RegExp(`^(?:${rule.metric})$`);
    expect(names.test('node_scrape_collector_duration_seconds')).toBe(true);
    expect(names.test('node_scrape_collector_duration_seconds_bucket')).toBe(true);
    expect(names.test('node_scrape_collector_duration_seconds_other')).toBe(false);
    expect(labelValueRule('x', 'device', 'sda.1').labels).toEqual({ device: 'sda\\.1' });
  });

  it('builds each rule once, and a new target starts a new list', () => {
    const store = useDropsStore.getState();
    store.forTarget(deployment);
    store.dropFamily('node_softnet_times_squeezed_total');
    store.dropFamily('node_softnet_times_squeezed_total');
    store.dropLabelValue('node_cpu_seconds_total', 'mode', 'steal');
    expect(useDropsStore.getState().rules).toHaveLength(2);
    useDropsStore.getState().forTarget({ kind: 'url', url: 'http://x/metrics' });
    expect(useDropsStore.getState().rules).toEqual([]);
  });

  it('previews the rules against the target', async () => {
    const preview = {
      relabelYaml: '- action: drop',
      seriesBefore: 10,
      seriesDropped: 2,
      dropped: ['a', 'b'],
      perRule: [2],
    };
    api.metrics.previewDrops.mockResolvedValue({ ok: true, data: preview });
    useDropsStore.getState().forTarget(deployment);
    useDropsStore.getState().dropFamily('a');
    await useDropsStore.getState().previewDrops();
    expect(api.metrics.previewDrops).toHaveBeenCalledWith({ target: deployment, rules: [familyRule('a')] });
    expect(useDropsStore.getState().preview).toEqual({ status: 'ready', result: preview });
  });

  it('saves for a deployment only, and says why not for other targets', () => {
    expect(saveRefusal(deployment)).toBeUndefined();
    expect(saveRefusal({ kind: 'url', url: 'http://x/metrics' })).toMatch(/copy the YAML/);
  });

  it('saves, then redeploys Prometheus with its params but not its old rendered config', async () => {
    api.metrics.saveDrops.mockResolvedValue({
      ok: true,
      data: { hostId: 'nas', exporter: 'node_exporter', rules: [], prometheusHostId: 'nas' },
    });
    api.deploy.list.mockResolvedValue({ ok: true, data: { deployments: [prometheus] } });
    useDropsStore.getState().forTarget(deployment);
    useDropsStore.getState().dropFamily('a');
    await useDropsStore.getState().saveDrops();
    expect(api.metrics.saveDrops).toHaveBeenCalledWith({
      hostId: 'nas',
      exporter: 'node_exporter',
      rules: [familyRule('a')],
    });
    expect(useDropsStore.getState().save).toEqual({ status: 'saved', prometheusHostId: 'nas' });
    await useDropsStore.getState().deployPrometheus();
    expect(planFor).toHaveBeenCalledWith(
      'nas',
      [{ exporter: 'prometheus', params: { port: 9090 } }],
      'docker',
    );
  });
});
