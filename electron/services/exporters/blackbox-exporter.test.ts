import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BlackboxExporterParamsSchema,
  blackboxExporter,
  type BlackboxExporterParams,
} from './blackbox-exporter';
import { fillSecretTemplate, referencesSecrets } from './secret-template';
import { BlackboxModuleParamsSchema } from '@shared/contract';
import { blackboxConfig, renderBlackboxYaml } from './blackbox-modules';
import { renderComposeFile } from './compose-file';
import { freeLoopbackPort, probeWhileRunning, runTool, withTempFiles } from './tool-checks';

const debianBinary = '/usr/bin/prometheus-blackbox-exporter';

/** One module of every preset. */
const allPresets = [
  { preset: 'http_2xx', targets: ['https://nas.lan/', 'http://192.168.1.10:8080/health'] },
  {
    preset: 'http_post_auth',
    targets: ['https://api.lan/health'],
    bearerTokenSecretId: 'blackbox.api-token',
    bodyMustMatch: ['status.*ok'],
  },
  { preset: 'http_ssl_check', targets: ['https://nas.lan/'], timeoutSeconds: 10 },
  { preset: 'tcp_connect', targets: ['nas.lan:22', '[fd00::1]:443'] },
  { preset: 'tcp_connect_tls', targets: ['mail.lan:993'] },
  { preset: 'icmp', targets: ['192.168.1.1', 'router.lan'] },
  { preset: 'dns', targets: ['192.168.1.1'], queryName: 'nas.lan' },
  { preset: 'dns_mx', targets: ['192.168.1.1:53'], queryName: 'example.com' },
  {
    preset: 'dns_mx',
    name: 'dns_mx_strict',
    targets: ['1.1.1.1'],
    queryName: 'example.com',
    answerMustMatch: ['mail.*example.com'],
  },
];

function params(configDirectory = '/etc/promstead/blackbox_exporter'): BlackboxExporterParams {
  return BlackboxExporterParamsSchema.parse({ configDirectory, modules: allPresets });
}

describe('blackbox_exporter params', () => {
  it.each([
    { preset: 'http_2xx', targets: ['ftp://nas.lan/'] },
    { preset: 'http_2xx', targets: ['https://user:pass@nas.lan/'] },
    { preset: 'http_2xx', targets: ['https://nas.lan/\nmodules:'] },
    { preset: 'http_2xx', targets: [] },
    { preset: 'tcp_connect', targets: ['nas.lan'] },
    { preset: 'tcp_connect', targets: ['nas.lan:0'] },
    { preset: 'tcp_connect', targets: ['nas.lan:70000'] },
    { preset: 'icmp', targets: ['$(id)'] },
    { preset: 'icmp', targets: ['host;rm -rf /'] },
    { preset: 'dns', targets: ['1.1.1.1'], queryName: 'a b.com' },
    { preset: 'http_post_auth', targets: ['https://api.lan/'] },
    { preset: 'http_post_auth', targets: ['https://api.lan/'], bearerTokenSecretId: '../../etc/shadow' },
    {
      preset: 'http_post_auth',
      targets: ['https://api.lan/'],
      bearerTokenSecretId: 'x',
      bearerToken: 'plain',
    },
    { preset: 'icmp', name: 'Bad Name', targets: ['1.1.1.1'] },
    { preset: 'shell', targets: ['1.1.1.1'] },
  ])('refuses the module %j', (module) => {
    expect(BlackboxModuleParamsSchema.safeParse(module).success).toBe(false);
  });

  it.each([
    { modules: [] },
    { modules: allPresets, port: 0 },
    { modules: allPresets, port: 70_000 },
    { modules: allPresets, configDirectory: '/etc/../root' },
    { modules: allPresets, configDirectory: '/etc/black box' },
    { modules: [allPresets[0], allPresets[0]] },
  ])('refuses the exporter params %#', (input) => {
    expect(BlackboxExporterParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('blackbox_exporter artefacts', () => {
  it('renders blackbox.yml for every preset', async () => {
    const yaml = renderBlackboxYaml(blackboxConfig(params().modules, '/etc/promstead/blackbox_exporter'));
    expect(yaml).toContain(
      'bearer_token_file: /etc/promstead/blackbox_exporter/secrets/http_post_auth.token',
    );
    await expect(yaml).toMatchFileSnapshot('__golden__/blackbox.yml.golden');
  });

  it('keeps the token out of every file and writes it 0600 from the secret id', () => {
    const files = blackboxExporter.configFiles(params(), 'docker');
    const secret = files.find(referencesSecrets);
    expect(secret).toEqual({
      path: '/etc/promstead/blackbox_exporter/secrets/http_post_auth.token',
      mode: 0o600,
      owner: '65534:65534',
      content: '((promstead-secret:blackbox.api-token))',
      secretRefs: ['blackbox.api-token'],
      secretEncoding: 'raw',
    });
    expect(files.filter(referencesSecrets)).toHaveLength(1);
  });

  it('renders the container with NET_RAW only when a module pings', async () => {
    const container = blackboxExporter.dockerContainer(params(), {
      imageRegistryMirror: 'registry.lan:5000',
    });
    expect(container.Image).toBe('registry.lan:5000/prom/blackbox-exporter:v0.24.0');
    expect(container.HostConfig?.CapAdd).toEqual(['NET_RAW']);
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/blackbox_exporter-container.json.golden',
    );
    const httpOnly = BlackboxExporterParamsSchema.parse({ modules: [allPresets[0]] });
    expect(blackboxExporter.dockerContainer(httpOnly, {}).HostConfig?.CapAdd).toBeUndefined();
  });

  it('renders the compose service', async () => {
    const compose = renderComposeFile([blackboxExporter.composeService(params(), {})]);
    expect(compose).toContain('NET_RAW');
    await expect(compose).toMatchFileSnapshot('__golden__/blackbox_exporter-compose.yml.golden');
  });

  it('gives one multi-target job per module', () => {
    const { jobs, multiTargetJobs } = blackboxExporter.scrapeJobs(params(), {
      host: 'monitor.lan',
      tier: 'critical',
    });
    expect(jobs).toEqual([]);
    expect(multiTargetJobs.map((job) => job.module)).toEqual(
      allPresets.map((module) => module.name ?? module.preset),
    );
    expect(multiTargetJobs[0]).toEqual({
      jobName: 'blackbox_http_2xx',
      tier: 'critical',
      exporterAddress: 'monitor.lan:9115',
      metricsPath: '/probe',
      module: 'http_2xx',
      targets: ['https://nas.lan/', 'http://192.168.1.10:8080/health'],
    });
  });
});

describe('blackbox.yml checked by Debian blackbox_exporter 0.23', () => {
  it('passes --config.check', async () => {
    await withTempFiles({}, async (directory) => {
      const rendered = params(directory);
      for (const file of blackboxExporter.configFiles(rendered, 'docker')) {
        if ('directory' in file) await mkdir(file.path, { recursive: true, mode: file.mode });
        else
          await writeFile(
            file.path,
            fillSecretTemplate(file, () => 'test-token\n'),
            { mode: file.mode },
          );
      }
      const result = await runTool(debianBinary, [
        '--config.check',
        `--config.file=${join(directory, 'blackbox.yml')}`,
      ]);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/level=error|err=/i);
    });
  });

  it('fails --config.check on a broken file, so the check above means something', async () => {
    await withTempFiles(
      { 'blackbox.yml': 'modules:\n  x:\n    prober: http\n    http:\n      no_such_field: 1\n' },
      async (directory) => {
        const result = await runTool(debianBinary, [
          '--config.check',
          `--config.file=${join(directory, 'blackbox.yml')}`,
        ]);
        expect(result.code).not.toBe(0);
      },
    );
  });
});

describe('a rendered module probing with Debian blackbox_exporter 0.23', () => {
  it('reports probe_success 1 for a tcp_connect to its own loopback port', async () => {
    const port = await freeLoopbackPort();
    await withTempFiles({}, async (directory) => {
      const rendered = BlackboxExporterParamsSchema.parse({
        configDirectory: directory,
        port,
        modules: [{ preset: 'tcp_connect', targets: [`127.0.0.1:${port}`] }],
      });
      for (const file of blackboxExporter.configFiles(rendered, 'systemd')) {
        if ('content' in file) await writeFile(file.path, file.content);
      }
      const job = blackboxExporter.scrapeJobs(rendered, { host: '127.0.0.1', tier: 'standard' })
        .multiTargetJobs[0];
      const probe = await probeWhileRunning(
        debianBinary,
        [
          `--config.file=${join(directory, 'blackbox.yml')}`,
          `--web.listen-address=127.0.0.1:${rendered.port}`,
        ],
        `http://${job?.exporterAddress}/probe?module=${job?.module}&target=${encodeURIComponent(job?.targets[0] ?? '')}`,
      );
      expect(probe).toMatch(/^probe_success 1$/m);
    });
  });
});
