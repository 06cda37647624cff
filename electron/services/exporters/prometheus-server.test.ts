import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../prometheus/promtool';
import { describeWithPromtool } from '../prometheus/promtool-test-support';
import { renderPrometheusConfig } from '../prometheus/render-config';
import { MonitoringSpecSchema } from '@shared/contract';
import { renderMonitoringFiles } from '../monitoring';
import { CadvisorParamsSchema, cadvisor } from './cadvisor';
import { renderComposeFile } from './compose-file';
import {
  PrometheusServerParamsSchema,
  prometheusHostArgs,
  prometheusPlaceholderConfig,
  prometheusServer,
} from './prometheus-server';
import { PushgatewayParamsSchema, pushgateway } from './pushgateway';
import { UnpollerParamsSchema, unpoller } from './unpoller';
import { WindowsExporterParamsSchema, windowsExporter } from './windows-exporter';
import { freeLoopbackPort, runTool, scrapeWhileRunning, withTempFiles } from './tool-checks';

const defaults = PrometheusServerParamsSchema.parse({});

describe('prometheus server params', () => {
  it('has the defaults of a Debian host', () => {
    expect(defaults).toMatchObject({
      port: 9090,
      retentionDays: 15,
      enableLifecycle: true,
      binaryPath: '/usr/bin/prometheus',
      user: 'prometheus',
    });
    expect(defaults.configContent).toBeUndefined();
  });

  it.each([
    { port: 0 },
    { listenAddress: '0.0.0.0 --web.enable-admin-api' },
    { configDirectory: '/etc/prom etheus' },
    { dataDirectory: '/var/lib/../../root' },
    { dataDirectory: '/var/lib/$(id)' },
    { retentionDays: 0 },
    { retentionDays: '15d' },
    { retentionDays: 1.5 },
    { retentionSizeGiB: 0 },
    { retentionSizeGiB: '10GB --web.enable-admin-api' },
    { configContent: '' },
    { configContent: 'global: {}\0' },
    { configContent: 'x'.repeat(1024 * 1024 + 1) },
    { binaryPath: 'prometheus' },
    { user: 'prometheus\nUser=root' },
    { enableLifecycle: 'true' },
    { unknown: true },
  ])('refuses %j', (input) => {
    expect(PrometheusServerParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('prometheus server artefacts', () => {
  it('renders the systemd unit with retention, lifecycle and a reload command', async () => {
    const unit = prometheusServer.systemdUnit(defaults);
    expect(unit).toContain('--storage.tsdb.retention.time=15d');
    expect(unit).toContain('--web.enable-lifecycle');
    expect(unit).toContain('ExecReload=/bin/kill -HUP $MAINPID');
    expect(unit).toContain('ReadWritePaths=/var/lib/promstead/prometheus');
    await expect(unit).toMatchFileSnapshot('__golden__/prometheus.service.golden');
  });

  it('renders the container and compose service with the data volume', async () => {
    const params = PrometheusServerParamsSchema.parse({ retentionSizeGiB: 50 });
    const container = prometheusServer.dockerContainer(params, { version: '2.54.1' });
    expect(container.Image).toBe('prom/prometheus:v2.54.1');
    expect(container.HostConfig?.Binds).toEqual([
      '/etc/promstead/prometheus:/etc/promstead/prometheus:ro',
      '/var/lib/promstead/prometheus:/prometheus',
    ]);
    expect(container.Cmd).toContain('--storage.tsdb.retention.size=50GB');
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/prometheus-container.json.golden',
    );
    await expect(renderComposeFile([prometheusServer.composeService(defaults, {})])).toMatchFileSnapshot(
      '__golden__/prometheus-compose.yml.golden',
    );
  });

  it('leaves lifecycle off when asked', () => {
    const params = PrometheusServerParamsSchema.parse({ enableLifecycle: false });
    expect(prometheusServer.dockerContainer(params, {}).Cmd).not.toContain('--web.enable-lifecycle');
  });

  it('writes the given config, or the placeholder, and a data directory the server owns', async () => {
    const placeholder = prometheusServer.configFiles(defaults, 'docker');
    expect(placeholder).toContainEqual({
      path: '/var/lib/promstead/prometheus',
      mode: 0o750,
      directory: true,
      owner: '65534:65534',
    });
    const placeholderText = placeholder.find((file) => 'content' in file);
    expect(placeholderText && 'content' in placeholderText ? placeholderText.content : '').toBe(
      prometheusPlaceholderConfig(defaults),
    );
    await expect(prometheusPlaceholderConfig(defaults)).toMatchFileSnapshot(
      '__golden__/prometheus-placeholder.yml.golden',
    );
    const given = PrometheusServerParamsSchema.parse({ configContent: 'global: {}\n' });
    expect(prometheusServer.configFiles(given, 'systemd')).toContainEqual({
      path: '/etc/promstead/prometheus/prometheus.yml',
      mode: 0o644,
      content: 'global: {}\n',
      secretRefs: [],
      secretEncoding: 'none',
    });
    expect(prometheusServer.configFiles(given, 'systemd')[1]?.owner).toBe('prometheus:prometheus');
  });

  it("writes the rule file where the config builder's prometheus.yml names it", () => {
    const [config, rules] = renderMonitoringFiles(
      MonitoringSpecSchema.parse({ exporters: [{ exporter: 'node_exporter', host: 'nas.lan' }] }),
    );
    expect(rules?.path).toBe('rules/promstead.yml');
    const params = PrometheusServerParamsSchema.parse({
      configContent: config?.content,
      rulesContent: rules?.content,
    });
    const files = prometheusServer.configFiles(params, 'docker');
    const written = files.filter((file) => 'content' in file).map((file) => file.path);
    expect(written).toEqual([
      '/etc/promstead/prometheus/prometheus.yml',
      `/etc/promstead/prometheus/${rules?.path ?? ''}`,
    ]);
    expect(files).toContainEqual({ path: '/etc/promstead/prometheus/rules', mode: 0o755, directory: true });
  });
});

describe('prometheus server artefacts checked by the real tools', () => {
  it.each([{}, { listenAddress: '::1', retentionSizeGiB: 10, enableLifecycle: false }])(
    'passes systemd-analyze verify with no output on stderr (%j)',
    async (overrides) => {
      const unit = prometheusServer.systemdUnit(PrometheusServerParamsSchema.parse(overrides));
      await withTempFiles({ 'prometheus.service': unit }, async (directory) => {
        const result = await runTool('systemd-analyze', [
          'verify',
          '--man=no',
          join(directory, 'prometheus.service'),
        ]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      });
    },
  );

  it('runs Debian Prometheus 2.42 with the rendered flags and placeholder config', async () => {
    const port = await freeLoopbackPort();
    await withTempFiles({}, async (directory) => {
      const params = PrometheusServerParamsSchema.parse({
        listenAddress: '127.0.0.1',
        port,
        configDirectory: join(directory, 'config'),
        dataDirectory: join(directory, 'data'),
      });
      for (const file of prometheusServer.configFiles(params, 'systemd')) {
        if ('directory' in file) await mkdir(file.path, { recursive: true });
        else if ('content' in file) await writeFile(file.path, file.content);
      }
      const proofs = prometheusServer.proofMetrics().map((name) => new RegExp(`^${name}[{ ]`, 'm'));
      const metrics = await scrapeWhileRunning(
        defaults.binaryPath,
        prometheusHostArgs(params),
        port,
        (body) => proofs.every((proof) => proof.test(body)),
      );
      for (const name of prometheusServer.proofMetrics())
        expect(metrics).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
      expect(metrics).toMatch(/^prometheus_config_last_reload_successful 1$/m);
    });
  });
});

describeWithPromtool('configs built from these definitions checked by promtool', () => {
  it('passes promtool check config on the placeholder', async () => {
    const result = await checkConfig(prometheusPlaceholderConfig(defaults));
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });

  it('passes promtool check config with every new definition scraped', async () => {
    const scrape = { host: 'monitor.lan', tier: 'standard' } as const;
    const contributions = [
      prometheusServer.scrapeJobs(defaults, { host: 'localhost', tier: 'critical' }),
      pushgateway.scrapeJobs(PushgatewayParamsSchema.parse({}), scrape),
      cadvisor.scrapeJobs(CadvisorParamsSchema.parse({}), { host: 'docker.lan', tier: 'standard' }),
      unpoller.scrapeJobs(
        UnpollerParamsSchema.parse({ controllerUrl: 'https://unifi.lan:8443', passwordSecretId: 'unifi' }),
        scrape,
      ),
      windowsExporter.scrapeJobs(WindowsExporterParamsSchema.parse({}), { host: 'desktop.lan', tier: 'low' }),
    ];
    const yaml = renderPrometheusConfig({
      global: { scrapeInterval: '30s', evaluationInterval: '30s' },
      jobs: contributions.flatMap((contribution) => contribution.jobs),
      multiTargetJobs: contributions.flatMap((contribution) => contribution.multiTargetJobs),
      ruleFiles: [],
    });
    const result = await checkConfig(yaml);
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });
});
