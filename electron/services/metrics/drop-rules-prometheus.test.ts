// The drop preview against Debian's real Prometheus 2.42 on loopback: one job per source
// keeps everything, a twin job applies the generated metric_relabel_configs, and the
// series the twin kept must be exactly those the preview keeps. The sources are a real
// node_exporter and a Pushgateway holding values made to trip a naive join (separators,
// newlines, case variants, missing labels).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DropRuleInput } from '@shared/contract';
import { compileDropRules, formatSeries, previewDropRules, type SeriesRef } from '@shared/metrics';
import { freeLoopbackPort } from '../exporters/tool-checks';
import { checkConfig, renderPrometheusConfig, type ScrapeJob } from '../prometheus';

const binaries = [
  '/usr/bin/prometheus',
  '/usr/bin/prometheus-node-exporter',
  '/usr/bin/prometheus-pushgateway',
];
const describeWithDaemons =
  binaries.every((file) => existsSync(file)) || process.env.CI === 'true' ? describe : describe.skip;

const rules: DropRuleInput[] = [
  { metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } },
  { metric: 'node_memory_(Mem|Swap).*' },
  { metric: 'go_gc_duration_seconds', labels: { quantile: '0|1' } },
  { metric: 'promstead_test_gauge', labels: { a: '.*', b: 'idle' } },
  { metric: 'promstead_test_gauge', labels: { unit: '(?i)kb' } },
  { metric: '^promstead_test_gauge$', labels: { text: 'line1.line2|a\\b.*' } },
  { metric: 'promstead_test_(?:x|y)_total', labels: { path: '/api/v1/(?:query|labels)' } },
  { metric: 'process_.*', labels: { missing: '' } },
  { metric: 'push_.*', labels: { exported_job: '[^a-c]+stead' } },
  { metric: 'promstead_test_[xy]_total', labels: { path: '\\Q/api/v1/\\E[a-z]{3,6}' } },
];

// Raw U+001F and "x;y" in values: a join on either would let a rule reach across labels.
const pushed = [
  '# TYPE promstead_test_gauge gauge',
  'promstead_test_gauge{a="p",b="q\u001fidle"} 1',
  'promstead_test_gauge{a="p",b="idle"} 2',
  'promstead_test_gauge{a="x;y",b="idle"} 3',
  'promstead_test_gauge{a="x",b="idle;z"} 4',
  'promstead_test_gauge{unit="KB"} 5',
  'promstead_test_gauge{unit="kb"} 6',
  'promstead_test_gauge{unit="\u212Ab"} 7',
  'promstead_test_gauge{unit="kbit"} 8',
  'promstead_test_gauge{text="line1\\nline2"} 9',
  'promstead_test_gauge{text="a b"} 10',
  'promstead_test_gauge{text="ab"} 11',
  '# TYPE promstead_test_x_total counter',
  'promstead_test_x_total{path="/api/v1/query"} 1',
  'promstead_test_x_total{path="/api/v1/series"} 1',
  '# TYPE promstead_test_y_total counter',
  'promstead_test_y_total{path="/api/v1/labels"} 1',
  '',
].join('\n');

/** Series Prometheus makes for every target, not subject to metric relabeling. */
const synthetic = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
]);

const started: ChildProcess[] = [];
let directory = '';
let prometheusUrl = '';

function start(file: string, args: string[]): void {
  started.push(spawn(file, args, { stdio: 'ignore' }));
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not happen within 30 s`);
}

function job(jobName: string, port: number, dropping: boolean): ScrapeJob {
  const compiled = compileDropRules(rules);
  return {
    jobName,
    tier: 'critical',
    scrapeInterval: '1s',
    scrapeTimeout: '1s',
    staticConfigs: [{ targets: [`127.0.0.1:${port}`] }],
    ...(dropping ? { metricRelabelConfigs: compiled.map((rule) => rule.relabel) } : {}),
  };
}

async function seriesOf(jobName: string): Promise<SeriesRef[]> {
  const url = `${prometheusUrl}/api/v1/series?match[]=${encodeURIComponent(`{job="${jobName}"}`)}`;
  const body = (await (await fetch(url)).json()) as { data: Record<string, string>[] };
  return body.data
    .map(({ __name__: name = '', job: _job, instance: _instance, tier: _tier, ...labels }) => ({
      name,
      labels,
    }))
    .filter((series) => !synthetic.has(series.name));
}

function key(series: SeriesRef): string {
  return JSON.stringify([series.name, Object.entries(series.labels).sort()]);
}

describeWithDaemons('drop rules against a real Prometheus', () => {
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'promstead-drops-'));
    const [nodePort, pushPort, prometheusPort] = [
      await freeLoopbackPort(),
      await freeLoopbackPort(),
      await freeLoopbackPort(),
    ];
    start('/usr/bin/prometheus-node-exporter', [
      `--web.listen-address=127.0.0.1:${nodePort}`,
      '--collector.disable-defaults',
      '--collector.cpu',
      '--collector.meminfo',
      '--collector.loadavg',
    ]);
    start('/usr/bin/prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${pushPort}`]);
    await waitFor('the Pushgateway taking the test metrics', async () => {
      const response = await fetch(`http://127.0.0.1:${pushPort}/metrics/job/promstead`, {
        method: 'PUT',
        body: pushed,
      });
      return response.ok;
    });
    const config = renderPrometheusConfig({
      global: { scrapeInterval: '1s', evaluationInterval: '1s' },
      jobs: [
        job('node_all', nodePort, false),
        job('node_drop', nodePort, true),
        job('push_all', pushPort, false),
        job('push_drop', pushPort, true),
      ],
      multiTargetJobs: [],
      ruleFiles: [],
    });
    const check = await checkConfig(config);
    expect(check.ok, check.output).toBe(true);
    await writeFile(join(directory, 'prometheus.yml'), config);
    start('/usr/bin/prometheus', [
      `--config.file=${join(directory, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
    ]);
    prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
    // Two scrapes of every job, so each series has been seen by both twins.
    await waitFor('two scrapes of every job', async () => {
      const query = encodeURIComponent('count_over_time(up[1m]) >= 2 and up == 1');
      const body = (await (await fetch(`${prometheusUrl}/api/v1/query?query=${query}`)).json()) as {
        data: { result: unknown[] };
      };
      return body.data.result.length === 4;
    });
  });

  afterAll(async () => {
    for (const child of started.splice(0)) {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    }
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  for (const source of ['node', 'push']) {
    it(`keeps exactly the ${source} series the preview keeps`, async () => {
      const all = await seriesOf(`${source}_all`);
      const kept = await seriesOf(`${source}_drop`);
      const families = [
        {
          name: 'all',
          type: 'untyped' as const,
          help: '',
          unit: '',
          samples: all.map((series) => ({ ...series, value: 0 })),
        },
      ];
      const preview = previewDropRules(families, rules, { maxListed: 100_000 });
      const dropped = new Set(preview.dropped);
      const previewKept = all.filter((series) => !dropped.has(formatSeries(series)));
      expect(kept.map(key).sort()).toEqual(previewKept.map(key).sort());
      expect(preview.seriesDropped).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(all.length);
    });
  }

  it('has every rule drop something, so each one was put to the test', async () => {
    const all = [...(await seriesOf('node_all')), ...(await seriesOf('push_all'))];
    const preview = previewDropRules(
      [
        {
          name: 'all',
          type: 'untyped',
          help: '',
          unit: '',
          samples: all.map((series) => ({ ...series, value: 0 })),
        },
      ],
      rules,
    );
    expect(
      preview.perRule.every((count) => count > 0),
      JSON.stringify(preview.perRule),
    ).toBe(true);
    // The trap: joined, `.*` could take "p" and "q" with the separator between them.
    const kept = await seriesOf('push_drop');
    expect(kept.filter((series) => series.labels.b === 'q\u001fidle')).toHaveLength(1);
  });
});
