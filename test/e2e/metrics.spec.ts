// The Metrics page in Chromium against a real `promstead serve`: node_exporter's families
// browsed and a counter charted live (a node_exporter started here on loopback, as a
// URL target); the render cost of 50 live series over 20 ticks written for the bench;
// and on the lab NAS, a deployed node_exporter's costliest family dropped, saved, and
// Prometheus redeployed with the rule, then asked with PromQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import type { Host, JobSummary } from '@shared/contract';
import { freeLoopbackPort } from '../../electron/services/exporters/tool-checks';
import { labDocker, labHosts, labRegistry, labSsh, labStateDir, labVersion } from '../lab/lab-facts';
import { runningInLabWorkstation } from '../integration/fixtures/in-lab';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './fixtures/promstead-server';
import { HostsPage } from './pages/hosts.page';
import { MetricsPage } from './pages/metrics.page';
import { PromsteadApp } from './pages/promstead-app.page';

const root = join(import.meta.dirname, '..', '..');
/** Where the bench reads the live chart's render cost from. */
const renderMeasuresPath = join(root, 'test-results', 'metrics-render.json');

let dataDir: string;
let server: RunningServer;
let exporter: ChildProcess | undefined;
let exporterUrl = '';

/** Debian's node_exporter on a free loopback port, stopped by its pid after each test. */
async function startNodeExporter(): Promise<string> {
  const port = await freeLoopbackPort();
  exporter = spawn('/usr/bin/prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/metrics`;
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
        } catch {
          return 0;
        }
      },
      { timeout: 15_000 },
    )
    .toBe(200);
  return url;
}

async function op<T>(page: Page, name: string, data: unknown): Promise<T> {
  const response = await page.request.post(`${server.origin}/api/op/${name}`, {
    headers: { authorization: `Bearer ${server.token}` },
    data,
  });
  const body = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? 'failed'}`);
  return body.data;
}

test.beforeEach(async () => {
  dataDir = makeDataDir();
  server = await startServer(dataDir);
});

test.afterEach(async () => {
  if (exporter?.pid) process.kill(exporter.pid, 'SIGTERM');
  exporter = undefined;
  await server.stop();
  removeDataDir(dataDir);
});

test('browses node_exporter’s families and charts a counter live', async ({ page }) => {
  test.setTimeout(120_000);
  exporterUrl = await startNodeExporter();
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('metrics');
  const metrics = new MetricsPage(page);
  await metrics.scrapeUrl(exporterUrl);
  await expect(metrics.summary.getByTestId('metrics-scrape-url')).toHaveText(exporterUrl);
  await expect(metrics.summary.getByTestId('metrics-scrape-format')).toHaveAttribute(
    'data-format',
    'prometheus-text',
  );
  expect(
    Number((await metrics.summary.getByTestId('metrics-scrape-families').textContent())?.replace(/,/g, '')),
  ).toBeGreaterThan(50);

  // Fuzzy search: the letters in order find the family, the best match first.
  await page.getByTestId('metrics-family-search').fill('nodecpusecondstotal');
  await expect(page.getByTestId('metrics-family-row').first()).toHaveAttribute(
    'data-name',
    'node_cpu_seconds_total',
  );
  // The tree folds by prefix: node_ holds node_cpu_ and the rest.
  await page.getByTestId('metrics-family-search').fill('');
  await page.locator('[data-testid="metrics-group-row"][data-prefix="node_"]').click();
  await expect(page.locator('[data-testid="metrics-group-row"][data-prefix="node_cpu_"]')).toBeVisible();

  await metrics.openFamily('node_cpu_seconds_total');
  await expect(metrics.series.getByTestId('metrics-family-type')).toHaveText('counter');
  // A label filter: only the idle mode's series stay.
  const mode = metrics.series.getByTestId('metrics-filter-mode');
  await mode.locator('summary').click();
  await mode.locator('[data-testid="metrics-filter-mode-value"][data-value="idle"]').check();
  const rows = metrics.series.getByTestId('metrics-series-row');
  await expect(rows.first()).toHaveAttribute('data-series', /mode="idle"/);
  for (const series of await rows.evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-series')),
  ))
    expect(series).toContain('mode="idle"');
  // Seconds in human units.
  await expect(rows.first().getByTestId('metrics-series-value')).toHaveText(/\d( ms| s| min| h| d)$/);

  await metrics.chartSeries(1);
  await metrics.waitForTicks(3);
  await expect(metrics.chart).toHaveAttribute('data-status', 'watching');
  await expect(metrics.legend.getByTestId('metrics-legend-item')).toHaveCount(1);
  await expect(metrics.legend).toContainText('per second');
  // A counter's rate shows once two ticks are in: a value in seconds per second.
  await expect(metrics.legend.getByTestId('metrics-legend-value')).toHaveText(/s\/s$/);
  await expect(page.getByTestId('metrics-chart')).not.toHaveAttribute('data-points', '0');

  await page.setViewportSize({ width: 1400, height: 900 });
  await metrics.chart.evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(root, 'docs', 'metrics.png') });

  // Leaving the page cancels the watch.
  await app.goTo('about');
  await expect
    .poll(async () => {
      const { jobs } = await op<{ jobs: JobSummary[] }>(page, 'jobs.list', {});
      return jobs.filter((job) => job.operation === 'metrics.watch' && job.state === 'running').length;
    })
    .toBe(0);
});

test('records the live chart’s render cost with 50 series over 20 ticks', async ({ page }) => {
  test.setTimeout(180_000);
  exporterUrl = await startNodeExporter();
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('metrics');
  const metrics = new MetricsPage(page);
  await metrics.scrapeUrl(exporterUrl);
  // One gauge per collector (about 45) and CPU counters make up 50 series.
  await metrics.openFamily('node_scrape_collector_duration_seconds');
  const collectors = await metrics.series.getByTestId('metrics-series-chart').count();
  await metrics.chartSeries(Math.min(collectors, 50));
  if (collectors < 50) {
    await metrics.openFamily('node_cpu_seconds_total');
    await metrics.chartSeries(50 - collectors);
  }
  await expect(metrics.legend.getByTestId('metrics-legend-item')).toHaveCount(50);
  await metrics.waitForTicks(1);
  await metrics.clearRenderMeasures();
  await metrics.waitForTicks(21, 120_000);
  const measures = await metrics.renderMeasures();
  expect(measures.count).toBeGreaterThanOrEqual(20);
  const sorted = [...measures.durations].sort((a, b) => a - b);
  const at = (share: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(
    renderMeasuresPath,
    JSON.stringify(
      {
        measure: 'metrics-render',
        what: 'per tick: store update, React render and uPlot draw of the live chart',
        series: 50,
        ticks: measures.count,
        medianMs: at(0.5),
        p95Ms: at(0.95),
        maxMs: sorted.at(-1) ?? 0,
        durationsMs: measures.durations,
        recordedAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
});

const inLab = runningInLabWorkstation();
const nas = labHosts.nas.address;
const prefix = 'pe2m-';
const folder = `${labStateDir}/pe2m`;
const ports = { node: 38891, prometheus: 38890 };
const docker = new Docker({ socketPath: labDocker.socketPath });

async function removeOurContainers(): Promise<void> {
  const containers = await docker.listContainers({ all: true });
  const ours = containers.filter((container) =>
    container.Names.some((name) => name.startsWith(`/${prefix}`)),
  );
  await Promise.all(ours.map((container) => docker.getContainer(container.Id).remove({ force: true })));
  rmSync(folder, { recursive: true, force: true });
}

/** Starts a job through the API and waits (bounded) for it to end. */
async function runJob(page: Page, name: string, input: unknown): Promise<JobSummary> {
  const { jobId } = await op<{ jobId: string }>(page, name, input);
  let ended: JobSummary | undefined;
  await expect
    .poll(
      async () => {
        const { jobs } = await op<{ jobs: JobSummary[] }>(page, 'jobs.list', {});
        ended = jobs.find((job) => job.jobId === jobId && job.state !== 'running');
        return ended?.state;
      },
      { timeout: 240_000, intervals: [1000] },
    )
    .toBeDefined();
  return ended as JobSummary;
}

test.describe('on the lab NAS', () => {
  test.skip(!inLab && !process.env.CI, 'Deploys to the lab NAS: run it inside lab-ws.');
  test.beforeAll(removeOurContainers);
  test.afterAll(removeOurContainers);

  test('drops the costliest family, saves the rule, redeploys Prometheus, and queries it', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const app = new PromsteadApp(page);
    await app.open(server.url);
    await op(page, 'settings.update', {
      registryMirror: labRegistry.host,
      exporterVersions: {
        node_exporter: labVersion('prom/node-exporter'),
        prometheus: labVersion('prom/prometheus'),
        busybox: labVersion('library/busybox'),
      },
    });
    await app.goTo('hosts');
    const hosts = new HostsPage(page);
    await hosts.openAdd();
    await hosts.fill({
      address: nas,
      username: labSsh.keyUser.name,
      name: 'DiskStation',
      auth: { kind: 'keyFile', keyPath: labSsh.keyUser.privateKeyPath },
    });
    await hosts.checkKey();
    await hosts.trustAndAdd();
    await expect(hosts.dialog).toHaveCount(0);
    const [host] = (await op<{ hosts: Host[] }>(page, 'hosts.list', {})).hosts;
    if (!host) throw new Error('the NAS was not saved');
    const deployed = await runJob(page, 'deploy.apply', {
      hostId: host.id,
      method: 'docker',
      exporters: [
        { exporter: 'node_exporter', params: { port: ports.node, containerName: `${prefix}node` } },
        {
          exporter: 'prometheus',
          params: {
            port: ports.prometheus,
            containerName: `${prefix}prometheus`,
            configDirectory: `${folder}/prometheus/config`,
            dataDirectory: `${folder}/prometheus/data`,
            memoryLimitMiB: 256,
          },
        },
      ],
    });
    expect(deployed.state, deployed.error?.message).toBe('done');

    await app.goTo('metrics');
    const metrics = new MetricsPage(page);
    await metrics.chooseTarget(`deployment:${host.id}:node_exporter`);
    await metrics.tab('cardinality');
    const costliest = await page.getByTestId('metrics-cardinality-row').first().getAttribute('data-family');
    if (!costliest) throw new Error('the report lists no family');
    await metrics.dropFamily(costliest);
    const preview = await metrics.preview();
    await expect(preview.getByTestId('metrics-drop-count')).not.toHaveAttribute('data-dropped', '0');
    await expect(preview.getByTestId('metrics-drop-yaml')).toContainText('drop');
    await metrics.save();
    await metrics.deployPrometheus('done');

    // Prometheus applies the rule: the dropped family's series go from its answers.
    await metrics.tab('promql');
    await expect(page.getByTestId('promql-server')).toHaveValue(`deployment:${host.id}`);
    await expect
      .poll(
        async () => {
          await metrics.runQuery(`count(${costliest}{instance="${nas}:${ports.node}"})`);
          return page.getByTestId('promql-row').count();
        },
        { timeout: 120_000, intervals: [5000] },
      )
      .toBe(0);
    await metrics.runQuery('up');
    await expect(page.getByTestId('promql-row')).not.toHaveCount(0);
    await metrics.runQuery('sum(');
    await expect(page.getByTestId('promql-error')).toHaveAttribute('data-code', 'QUERY_ERROR');
    await expect(page.getByTestId('promql-error')).toContainText('parse error');
    await metrics.runQuery('rate(node_cpu_seconds_total[1m])', 'graph');
    await expect(page.getByTestId('promql-graph')).toBeVisible();

    await page.getByTestId('promql-targets-load').click();
    const nodeTarget = page.locator('[data-testid="promql-target"]', { hasText: `${nas}:${ports.node}` });
    await expect(nodeTarget).toHaveAttribute('data-health', 'up', { timeout: 60_000 });
    await nodeTarget.getByTestId('promql-target-open').click();
    await expect(page.getByTestId('metrics-tab-browse')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('metrics-target')).toHaveValue(`deployment:${host.id}:node_exporter`);

    await runJob(page, 'deploy.uninstall', { hostId: host.id, exporters: [] });
  });
});
