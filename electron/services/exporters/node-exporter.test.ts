import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderComposeFile } from './compose-file';
import { NodeExporterParamsSchema, nodeExporter, nodeExporterHostArgs } from './node-exporter';
import { freeLoopbackPort, runTool, scrapeWhileRunning, withTempFiles } from './tool-checks';

const defaults = NodeExporterParamsSchema.parse({});
const debianBinary = '/usr/bin/prometheus-node-exporter';

describe('node_exporter params', () => {
  it('has the seed defaults', () => {
    expect(defaults).toMatchObject({
      port: 9100,
      extraCollectors: ['systemd', 'processes'],
      textfileDirectory: '/var/lib/node_exporter/textfile_collector',
      user: 'node_exporter',
    });
  });

  it.each([
    { port: 0 },
    { port: 70_000 },
    { port: 9100.5 },
    { textfileDirectory: '/var/lib/../etc' },
    { textfileDirectory: '/var/lib/./x' },
    { textfileDirectory: 'relative/dir' },
    { textfileDirectory: '/var/lib/x y' },
    { textfileDirectory: '/var/lib/$(id)' },
    { textfileDirectory: "/var/lib/a'b" },
    { textfileDirectory: '/var/lib/x\nExecStartPre=/bin/sh' },
    { binaryPath: '/usr/local/bin/node;rm' },
    { extraCollectors: ['systemd; rm -rf /'] },
    { extraCollectors: ['$(reboot)'] },
    { extraCollectors: ['systemd', 'systemd'] },
    { user: 'root; id' },
    { user: '-o' },
    { listenAddress: 'example.com' },
    { listenAddress: '0.0.0.0 --web.config.file=/x' },
    { containerName: '--privileged' },
    { memoryLimitMiB: 1 },
    { arch: 'amd64 && id' },
    { unknown: true },
  ])('refuses %j', (input) => {
    expect(NodeExporterParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('node_exporter artefacts', () => {
  it('renders the systemd unit', async () => {
    await expect(nodeExporter.systemdUnit(defaults)).toMatchFileSnapshot('__golden__/node_exporter.service');
  });

  it('renders the install and uninstall scripts', async () => {
    await expect(nodeExporter.installScript(defaults, {})).toMatchFileSnapshot(
      '__golden__/node_exporter-install.sh',
    );
    await expect(nodeExporter.uninstallScript(defaults)).toMatchFileSnapshot(
      '__golden__/node_exporter-uninstall.sh',
    );
  });

  it('renders the container with the host mounted read-only', async () => {
    const container = nodeExporter.dockerContainer(defaults, { imageRegistryMirror: 'registry.lan:5000' });
    expect(container.Image).toBe('registry.lan:5000/prom/node-exporter:v1.8.2');
    expect(container.HostConfig).toMatchObject({ NetworkMode: 'host', PidMode: 'host' });
    expect(container.HostConfig?.Binds).toContain('/:/host:ro,rslave');
    expect(container.Cmd).toContain('--path.rootfs=/host');
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/node_exporter-container.json.golden',
    );
  });

  it('binds / without rslave where the host root is private, container and compose alike', async () => {
    const privateRoot = NodeExporterParamsSchema.parse({ hostRootPropagation: 'private' });
    const container = nodeExporter.dockerContainer(privateRoot, {});
    expect(container.HostConfig?.Binds).toEqual([
      '/:/host:ro',
      '/proc:/host/proc:ro',
      '/sys:/host/sys:ro',
      '/run/dbus/system_bus_socket:/run/dbus/system_bus_socket:ro',
    ]);
    const { name, service } = nodeExporter.composeService(privateRoot, {});
    expect(service.volumes).toEqual(container.HostConfig?.Binds);
    // Only the root bind changes; everything else is the default's.
    const rslave = nodeExporter.dockerContainer(defaults, {});
    expect({ ...container, HostConfig: { ...container.HostConfig, Binds: [] } }).toEqual({
      ...rslave,
      HostConfig: { ...rslave.HostConfig, Binds: [] },
    });
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/node_exporter-private-root-container.json.golden',
    );
    await expect(renderComposeFile([{ name, service }])).toMatchFileSnapshot(
      '__golden__/node_exporter-private-root-compose.yml.golden',
    );
  });

  it('refuses a propagation other than rslave or private', () => {
    expect(NodeExporterParamsSchema.safeParse({ hostRootPropagation: 'shared' }).success).toBe(false);
    expect(NodeExporterParamsSchema.safeParse({ hostRootPropagation: 'rslave,rw' }).success).toBe(false);
  });

  it('publishes the port only on a bridge network', () => {
    const container = nodeExporter.dockerContainer({ ...defaults, hostNetwork: false, port: 9200 }, {});
    expect(container.HostConfig?.NetworkMode).toBe('bridge');
    expect(container.HostConfig?.PortBindings).toEqual({ '9200/tcp': [{ HostIp: '', HostPort: '9200' }] });
  });

  it('renders the compose service with $ escaped', async () => {
    const { name, service } = nodeExporter.composeService(defaults, { version: '1.5.0' });
    expect(service.image).toBe('prom/node-exporter:v1.5.0');
    expect(service.command?.some((flag) => flag.includes('($$|/)'))).toBe(true);
    expect(service.volumes).toContain('/:/host:ro,rslave');
    await expect(renderComposeFile([{ name, service }])).toMatchFileSnapshot(
      '__golden__/node_exporter-compose.yml.golden',
    );
  });

  it('is deterministic', () => {
    expect(nodeExporter.installScript(defaults, {})).toBe(nodeExporter.installScript(defaults, {}));
    expect(nodeExporter.dockerContainer(defaults, {})).toEqual(nodeExporter.dockerContainer(defaults, {}));
  });

  it('scrapes host:port and proves itself with build info and CPU', () => {
    expect(nodeExporter.scrapeJobs(defaults, { host: 'nas.lan', tier: 'standard' }).jobs).toEqual([
      { jobName: 'node', tier: 'standard', staticConfigs: [{ targets: ['nas.lan:9100'] }] },
    ]);
    expect(nodeExporter.proofMetrics(defaults)).toEqual(
      expect.arrayContaining(['node_exporter_build_info', 'node_cpu_seconds_total']),
    );
  });
});

describe('node_exporter artefacts checked by the real tools', () => {
  it.each([
    { listenAddress: '' },
    { listenAddress: '::1', port: 9200, extraCollectors: ['systemd', 'processes', 'tcpstat'] },
  ])('passes systemd-analyze verify with no output on stderr (%j)', async (overrides) => {
    const params = NodeExporterParamsSchema.parse({ ...overrides, binaryPath: debianBinary });
    const unit = nodeExporter.systemdUnit(params);
    await withTempFiles({ 'node_exporter.service': unit }, async (directory) => {
      const result = await runTool('systemd-analyze', [
        'verify',
        '--man=no',
        join(directory, 'node_exporter.service'),
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });
  });

  it('passes bash -n on the install and uninstall scripts', async () => {
    const hostile = { ...defaults, listenAddress: '::1' };
    await withTempFiles(
      {
        'install.sh': nodeExporter.installScript(hostile, {}),
        'uninstall.sh': nodeExporter.uninstallScript(hostile),
      },
      async (directory) => {
        for (const script of ['install.sh', 'uninstall.sh']) {
          const result = await runTool('bash', ['-n', join(directory, script)]);
          expect(result.stderr).toBe('');
          expect(result.code).toBe(0);
        }
      },
    );
  });

  it('runs Debian node_exporter 1.5 with the rendered flags and serves the proof metrics', async () => {
    const port = await freeLoopbackPort();
    await withTempFiles({}, async (directory) => {
      const params = NodeExporterParamsSchema.parse({
        listenAddress: '127.0.0.1',
        port,
        textfileDirectory: directory,
        // No D-Bus in the test environment: the systemd collector would only log errors.
        extraCollectors: ['processes'],
      });
      const metrics = await scrapeWhileRunning(debianBinary, nodeExporterHostArgs(params), port);
      for (const name of nodeExporter.proofMetrics(params))
        expect(metrics).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    });
  });
});
