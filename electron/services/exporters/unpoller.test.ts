import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderComposeFile } from './compose-file';
import { UnpollerParamsSchema, renderUnpollerConf, unpoller } from './unpoller';
import { referencesSecrets } from './secret-template';
import { runTool, withTempFiles } from './tool-checks';

const required = {
  controllerUrl: 'https://unifi.lan:8443',
  passwordSecretId: 'unpoller.controller-password',
};
const defaults = UnpollerParamsSchema.parse(required);

describe('unpoller params', () => {
  it('has the seed defaults', () => {
    expect(defaults).toMatchObject({
      port: 9130,
      controllerUser: 'prometheus',
      sites: ['all'],
      verifySsl: false,
      saveDpi: true,
      saveEvents: false,
      namespace: 'unifi',
    });
  });

  it.each([
    {},
    { controllerUrl: 'https://unifi.lan:8443' },
    { passwordSecretId: 'x' },
    { ...required, controllerUrl: 'ftp://unifi.lan/' },
    { ...required, controllerUrl: 'https://admin:secret@unifi.lan:8443' },
    { ...required, controllerUrl: 'https://unifi.lan/"\n[poller]' },
    { ...required, controllerUrl: 'https://unifi.lan/?a=b' },
    { ...required, controllerUrl: 'unifi.lan:8443' },
    { ...required, controllerUser: 'admin"\npass = "x' },
    { ...required, controllerUser: '' },
    { ...required, passwordSecretId: '../../etc/shadow' },
    { ...required, passwordSecretId: 'a b' },
    { ...required, password: 'inline' },
    { ...required, sites: [] },
    { ...required, sites: ['default"]'] },
    { ...required, sites: ['all', 'all'] },
    { ...required, namespace: 'Unifi-Metrics' },
    { ...required, configDirectory: '/etc/../root' },
    { ...required, port: 0 },
  ])('refuses %j', (input) => {
    expect(UnpollerParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('unpoller artefacts', () => {
  it('renders unpoller.conf with the password read from a file', async () => {
    const conf = renderUnpollerConf(defaults);
    expect(conf).toContain('url = "https://unifi.lan:8443"');
    expect(conf).toContain('pass = "file:///etc/promstead/unpoller/secrets/controller.password"');
    expect(conf).not.toMatch(/pass = "(?!file:\/\/)/);
    await expect(conf).toMatchFileSnapshot('__golden__/unpoller.conf.golden');
  });

  it('writes the password 0600 from the secret id and nowhere else', () => {
    const files = unpoller.configFiles(defaults);
    expect(files.filter(referencesSecrets)).toEqual([
      {
        path: '/etc/promstead/unpoller/secrets/controller.password',
        mode: 0o600,
        content: '((promstead-secret:unpoller.controller-password))',
        secretRefs: ['unpoller.controller-password'],
        secretEncoding: 'raw',
      },
    ]);
    const container = JSON.stringify(unpoller.dockerContainer(defaults, {}));
    expect(container).not.toContain('PASS');
    expect(container).not.toContain('unpoller.controller-password');
  });

  it('renders the container and compose service', async () => {
    const container = unpoller.dockerContainer(defaults, { imageRegistryMirror: 'registry.lan:5000' });
    expect(container.Image).toBe('registry.lan:5000/unpoller/unpoller:v2.10.0');
    expect(container.HostConfig?.Binds).toEqual(['/etc/promstead/unpoller:/etc/promstead/unpoller:ro']);
    expect(container.Env).toBeUndefined();
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/unpoller-container.json.golden',
    );
    await expect(renderComposeFile([unpoller.composeService(defaults, {})])).toMatchFileSnapshot(
      '__golden__/unpoller-compose.yml.golden',
    );
  });

  it('scrapes host:9130 and proves itself with UniFi series', () => {
    expect(unpoller.scrapeJobs(defaults, { host: 'monitor.lan', tier: 'low' }).jobs).toEqual([
      { jobName: 'unpoller', tier: 'low', staticConfigs: [{ targets: ['monitor.lan:9130'] }] },
    ]);
    expect(unpoller.proofMetrics(defaults)).toContain('unifi_device_uptime_seconds');
  });
});

describe('unpoller.conf checked by a real TOML parser', () => {
  it('parses with Python tomllib to the values given', async () => {
    const params = UnpollerParamsSchema.parse({
      ...required,
      controllerUrl: 'https://[fd00::1]:8443/network',
      controllerUser: 'svc.prometheus+ro@lan',
      sites: ['default', 'branch_2'],
      verifySsl: true,
    });
    await withTempFiles({ 'unpoller.conf': renderUnpollerConf(params) }, async (directory) => {
      const result = await runTool('python3', [
        '-c',
        'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))',
        join(directory, 'unpoller.conf'),
      ]);
      expect(result.stderr).toBe('');
      const parsed = JSON.parse(result.stdout) as {
        prometheus: { http_listen: string };
        unifi: { defaults: { verify_ssl: boolean }; controller: Record<string, unknown>[] };
      };
      expect(parsed.prometheus.http_listen).toBe('0.0.0.0:9130');
      expect(parsed.unifi.defaults.verify_ssl).toBe(true);
      expect(parsed.unifi.controller).toEqual([
        {
          url: 'https://[fd00::1]:8443/network',
          user: 'svc.prometheus+ro@lan',
          pass: 'file:///etc/promstead/unpoller/secrets/controller.password',
          sites: ['default', 'branch_2'],
        },
      ]);
    });
  });
});
