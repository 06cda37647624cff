import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../prometheus/promtool';
import { describeWithPromtool } from '../prometheus/promtool-test-support';
import { renderPrometheusConfig } from '../prometheus/render-config';
import { renderComposeFile } from './compose-file';
import { PushgatewayParamsSchema, pushgateway, pushgatewayHostArgs } from './pushgateway';
import { freeLoopbackPort, runTool, scrapeWhileRunning, withTempFiles } from './tool-checks';

const defaults = PushgatewayParamsSchema.parse({});

describe('pushgateway params', () => {
  it('has the defaults of a Debian host', () => {
    expect(defaults).toMatchObject({
      port: 9091,
      binaryPath: '/usr/bin/prometheus-pushgateway',
      user: 'prometheus',
      dataDirectory: '/var/lib/promstead/pushgateway',
    });
  });

  it.each([
    { port: 0 },
    { listenAddress: '0.0.0.0 --web.enable-admin-api' },
    { dataDirectory: '/var/lib/../../etc' },
    { dataDirectory: '/var/lib/push gateway' },
    { dataDirectory: '/var/lib/x\nExecStartPre=/bin/sh' },
    { binaryPath: '/usr/bin/pushgateway;id' },
    { user: 'root; id' },
    { persistenceIntervalMinutes: 0 },
    { containerName: '-d' },
    { unknown: true },
  ])('refuses %j', (input) => {
    expect(PushgatewayParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('pushgateway artefacts', () => {
  it('renders the systemd unit, container and compose service', async () => {
    await expect(pushgateway.systemdUnit(defaults)).toMatchFileSnapshot(
      '__golden__/pushgateway.service.golden',
    );
    const container = pushgateway.dockerContainer(defaults, {});
    expect(container.Image).toBe('prom/pushgateway:v1.9.0');
    expect(container.Cmd).toContain('--persistence.file=/data/pushgateway.db');
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/pushgateway-container.json.golden',
    );
    await expect(renderComposeFile([pushgateway.composeService(defaults, {})])).toMatchFileSnapshot(
      '__golden__/pushgateway-compose.yml.golden',
    );
  });

  it('owns the data directory as the user that writes it', () => {
    expect(pushgateway.configFiles(defaults, 'systemd')).toEqual([
      {
        path: '/var/lib/promstead/pushgateway',
        mode: 0o750,
        directory: true,
        owner: 'prometheus:prometheus',
      },
    ]);
    expect(pushgateway.configFiles(defaults, 'docker')[0]?.owner).toBe('65534:65534');
  });

  it('scrapes with honor_labels so pushed job and instance labels survive', () => {
    expect(pushgateway.scrapeJobs(defaults, { host: 'monitor.lan', tier: 'low' }).jobs).toEqual([
      {
        jobName: 'pushgateway',
        tier: 'low',
        honorLabels: true,
        staticConfigs: [{ targets: ['monitor.lan:9091'] }],
      },
    ]);
  });
});

describe('pushgateway artefacts checked by the real tools', () => {
  it.each([{}, { listenAddress: '::1', port: 9200 }])(
    'passes systemd-analyze verify with no output on stderr (%j)',
    async (overrides) => {
      const unit = pushgateway.systemdUnit(PushgatewayParamsSchema.parse(overrides));
      await withTempFiles({ 'pushgateway.service': unit }, async (directory) => {
        const result = await runTool('systemd-analyze', [
          'verify',
          '--man=no',
          join(directory, 'pushgateway.service'),
        ]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      });
    },
  );

  it('runs Debian pushgateway 1.5 with the rendered flags and serves the proof metrics', async () => {
    const port = await freeLoopbackPort();
    await withTempFiles({}, async (directory) => {
      const params = PushgatewayParamsSchema.parse({
        listenAddress: '127.0.0.1',
        port,
        dataDirectory: directory,
      });
      const metrics = await scrapeWhileRunning(defaults.binaryPath, pushgatewayHostArgs(params), port);
      for (const name of pushgateway.proofMetrics()) expect(metrics).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    });
  });
});

describeWithPromtool('the pushgateway scrape job checked by promtool', () => {
  it('renders honor_labels: true and passes promtool check config', async () => {
    const { jobs, multiTargetJobs } = pushgateway.scrapeJobs(defaults, { host: 'monitor.lan', tier: 'low' });
    const yaml = renderPrometheusConfig({ global: {}, jobs, multiTargetJobs, ruleFiles: [] });
    expect(yaml).toContain('honor_labels: true');
    const result = await checkConfig(yaml);
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });
});
