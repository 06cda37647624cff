// The drop handlers over real stores in a temp data folder. The scrape is the one fake:
// scraping is another piece of metrics/, so the preview takes it injected, here as the
// families a node_exporter gave.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeploymentRecord, MetricFamily, ScrapeTarget } from '@shared/contract';
import { DeploymentStore } from '../deploy';
import { dropHandlers } from './drop-handlers';
import { DropStore, dropsFileName } from './drop-store';

const created = { containers: [], images: [], files: [], directories: [], units: [], users: [] };
const record = (hostId: string, exporter: DeploymentRecord['exporter']): DeploymentRecord => ({
  hostId,
  exporter,
  method: 'docker',
  params: {},
  version: '1',
  created,
  scrapeAddress: '10.0.0.20:9100',
  deployedAt: 1,
});

const cpuFamily: MetricFamily = {
  name: 'node_cpu_seconds_total',
  type: 'counter',
  help: 'Seconds the CPUs spent in each mode.',
  unit: '',
  samples: ['0', '1'].flatMap((cpu) =>
    ['idle', 'iowait', 'user'].map((mode) => ({
      name: 'node_cpu_seconds_total',
      labels: { cpu, mode },
      value: 1,
    })),
  ),
};

let dir = '';
let deployments: DeploymentStore;
let drops: DropStore;
const scraped: ScrapeTarget[] = [];

function handlers(): ReturnType<typeof dropHandlers> {
  const fakeScrape = async (target: ScrapeTarget): Promise<MetricFamily[]> => {
    scraped.push(target);
    return [cpuFamily];
  };
  return dropHandlers({
    drops,
    deploy: { list: (hostId) => deployments.list(hostId) },
    scrapeFamilies: fakeScrape,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promstead-drops-'));
  deployments = new DeploymentStore(join(dir, 'deployments.json'));
  await deployments.load();
  drops = new DropStore(join(dir, dropsFileName));
  await drops.load();
  scraped.length = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const idle = { metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } };

describe('metrics.saveDrops and metrics.drops', () => {
  it('refuses rules for an exporter Promstead did not deploy there', async () => {
    await expect(
      handlers()['metrics.saveDrops']({ hostId: 'nas', exporter: 'node_exporter', rules: [idle] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Deploy it first/) });
  });

  it('refuses a rule RE2 would not read, naming it, and saves nothing', async () => {
    await deployments.record(record('nas', 'node_exporter'));
    await expect(
      handlers()['metrics.saveDrops']({
        hostId: 'nas',
        exporter: 'node_exporter',
        rules: [idle, { metric: 'node_(?=x)', labels: {} }],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^Drop rule 2 .*lookaround/),
    });
    expect(drops.list()).toEqual([]);
  });

  it('saves, lists, says which host runs Prometheus, and removes with an empty list', async () => {
    await deployments.record(record('nas', 'node_exporter'));
    await deployments.record(record('server', 'prometheus'));
    const saved = await handlers()['metrics.saveDrops']({
      hostId: 'nas',
      exporter: 'node_exporter',
      rules: [idle],
    });
    expect(saved).toEqual({
      hostId: 'nas',
      exporter: 'node_exporter',
      rules: [idle],
      prometheusHostId: 'server',
    });
    expect(await handlers()['metrics.drops']({ hostId: 'nas' })).toEqual({
      drops: [{ hostId: 'nas', exporter: 'node_exporter', rules: [idle] }],
    });
    // Versioned and on disk, so a restart keeps them.
    const file = JSON.parse(await readFile(join(dir, dropsFileName), 'utf8')) as { version: number };
    expect(file.version).toBe(1);
    const reopened = new DropStore(join(dir, dropsFileName));
    await reopened.load();
    expect(reopened.get('nas', 'node_exporter')).toEqual([idle]);

    await handlers()['metrics.saveDrops']({ hostId: 'nas', exporter: 'node_exporter', rules: [] });
    expect(await handlers()['metrics.drops']({})).toEqual({ drops: [] });
  });
});

describe('metrics.previewDrops', () => {
  const target: ScrapeTarget = { kind: 'deployment', hostId: 'nas', exporter: 'node_exporter' };

  it('scrapes the target and says what would go, with the YAML it becomes', async () => {
    const preview = await handlers()['metrics.previewDrops']({
      target,
      rules: [idle, { metric: 'node_cpu_.*', labels: { cpu: '1' } }],
    });
    expect(scraped).toEqual([target]);
    expect(preview).toMatchObject({ seriesBefore: 6, seriesDropped: 4, perRule: [2, 3] });
    expect(preview.dropped).toContain('node_cpu_seconds_total{cpu="0",mode="idle"}');
    expect(preview.relabelYaml).toBe(
      [
        'metric_relabel_configs:',
        '  - source_labels: [__name__, mode]',
        '    separator: "\\x1f"',
        '    regex: node_cpu_seconds_total\\x1Fidle',
        '    action: drop',
        '  - source_labels: [__name__, cpu]',
        '    separator: "\\x1f"',
        '    regex: node_cpu_[^\\x1F]*\\x1F1',
        '    action: drop',
        '',
      ].join('\n'),
    );
  });

  it('refuses bad rules before scraping', async () => {
    await expect(
      handlers()['metrics.previewDrops']({ target, rules: [{ metric: '(a', labels: {} }] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(scraped).toEqual([]);
  });
});
