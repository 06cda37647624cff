// Docker Engines as hosts without SSH, from the real command: the NAS dockerd's TCP port
// with mutual TLS, and a Docker socket on this machine's file system (the NAS dockerd's,
// which the lab shares with the workstation, standing in for the workstation's own
// Docker). Each deploys, verifies, plans "no changes" and uninstalls to what was there;
// a certificate from another CA, a wrong CA and a missing socket are refused clearly.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDocker, labDockerTls, labHosts, labRegistry, labStateDir, labVersion } from '../lab/lab-facts';
import { runPromstead, type CliRun } from './fixtures/promstead-cli';

const docker = new Docker({ socketPath: labDocker.socketPath });
const tlsEndpoint = `tcp://${labHosts.nas.address}:${labDockerTls.port}`;
const names = {
  tls: 'pdock-tls-node',
  socket: 'pdock-socket-pushgateway',
  blackbox: 'pdock-socket-blackbox',
};
const ports = { tls: 38491, socket: 38492, blackbox: 38493 };

let home = '';
const promstead = (...args: string[]): Promise<CliRun> => runPromstead(home, ...args);

async function containerNames(): Promise<string[]> {
  const containers = await docker.listContainers({ all: true });
  return containers.flatMap((container) => container.Names).sort();
}

async function removeOurs(): Promise<void> {
  for (const name of Object.values(names))
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'promstead-docker-endpoints-'));
  const settings = {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: labVersion('prom/node-exporter'),
      pushgateway: labVersion('prom/pushgateway'),
      blackbox_exporter: labVersion('prom/blackbox-exporter'),
      busybox: labVersion('library/busybox'),
    },
  };
  await writeFile(join(home, 'settings.json'), JSON.stringify({ version: 1, data: settings }));
  await removeOurs();
  // No answer fails the file (in CI as anywhere): the lab must be up.
  expect((await docker.ping()).toString()).toBe('OK');
});

afterAll(async () => {
  await removeOurs();
  await rm(home, { recursive: true, force: true });
});

describe('a Docker Engine over TCP with mutual TLS', () => {
  it('refuses a client certificate from another CA, and a CA that did not sign the daemon', async () => {
    const stranger = await promstead(
      'host',
      'add',
      tlsEndpoint,
      '--tls-ca',
      labDockerTls.caPath,
      '--tls-cert',
      labDockerTls.stranger.certPath,
      '--tls-key',
      labDockerTls.stranger.keyPath,
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/error (FORBIDDEN|DOCKER_UNREACHABLE): /);
    expect(stranger.stderr).toMatch(/TLS|certificate/i);

    const wrongCa = await promstead(
      'host',
      'add',
      tlsEndpoint,
      '--tls-ca',
      labDockerTls.stranger.caPath,
      '--tls-cert',
      labDockerTls.clientCertPath,
      '--tls-key',
      labDockerTls.clientKeyPath,
    );
    expect(wrongCa.code).toBe(1);
    expect(wrongCa.stderr).toMatch(/error FORBIDDEN: TLS with .* failed/);

    const noTls = await promstead('host', 'add', tlsEndpoint);
    expect(noTls.code).toBe(2);
    expect(noTls.stderr).toContain('--tls-ca');

    const listed = await promstead('host', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('adds the endpoint, deploys node_exporter verified, plans no changes, uninstalls to what was there', async () => {
    const before = await containerNames();
    const added = await promstead(
      'host',
      'add',
      tlsEndpoint,
      '--tls-ca',
      labDockerTls.caPath,
      '--tls-cert',
      labDockerTls.clientCertPath,
      '--tls-key',
      labDockerTls.clientKeyPath,
      '--name',
      'nas-tls',
      '--json',
    );
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout)).toMatchObject({
      kind: 'docker',
      id: 'nas-tls',
      address: labHosts.nas.address,
      endpoint: { kind: 'tls', port: labDockerTls.port },
    });

    const params = [
      '--param',
      `port=${ports.tls}`,
      '--param',
      `containerName=${names.tls}`,
      '--param',
      `textfileDirectory=${labStateDir}/pdock/textfile`,
    ];
    const applied = await promstead('deploy', 'apply', 'nas-tls', 'node_exporter', ...params, '--yes');
    expect(applied.stderr, applied.stderr).not.toMatch(/^error/m);
    expect(applied.code).toBe(0);
    // No SSH to fall back on: verified directly, where Prometheus will scrape it.
    expect(applied.stdout).toContain(
      `verified  node_exporter  http://${labHosts.nas.address}:${ports.tls}/metrics`,
    );
    const container = await docker.getContainer(names.tls).inspect();
    expect(container.Config.Labels['io.promstead.managed']).toBe('true');
    // The NAS's PID 1 is not systemd: read through the helper container, not assumed.
    expect(container.Config.Cmd?.join(' ')).not.toContain('collector.systemd');

    const again = await promstead('deploy', 'plan', 'nas-tls', 'node_exporter', ...params);
    expect(again.stdout).toContain('nas-tls: no changes');

    const systemd = await promstead('deploy', 'plan', 'nas-tls', 'node_exporter', '--method', 'systemd');
    expect(systemd.code).toBe(1);
    expect(systemd.stderr).toMatch(/error VALIDATION: nas-tls is a Docker endpoint without SSH/);

    const removed = await promstead('uninstall', 'nas-tls', '--json');
    expect(removed.code).toBe(0);
    expect((JSON.parse(removed.stdout) as { removed: string[] }).removed.join('\n')).toContain(names.tls);
    expect(await containerNames()).toEqual(before);
  }, 300_000);
});

describe("a Docker socket on this machine's file system", () => {
  it('says when nothing answers on the socket', async () => {
    const missing = await promstead('host', 'add', `unix://${labStateDir}/no-such-docker.sock`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error DOCKER_UNREACHABLE: Nothing answers on .*no-such-docker\.sock/);
  });

  it('deploys pushgateway and blackbox_exporter reached at the address given, and uninstalls them', async () => {
    const before = await containerNames();
    const added = await promstead(
      'host',
      'add',
      `unix://${labDocker.socketPath}`,
      '--address',
      labHosts.nas.address,
      '--name',
      'local-docker',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`added local-docker: docker unix://${labDocker.socketPath}`);

    // Structured parameters (blackbox's modules) come from a JSON file keyed by exporter.
    const paramsFile = join(home, 'params.json');
    await writeFile(
      paramsFile,
      JSON.stringify({
        pushgateway: {
          port: ports.socket,
          containerName: names.socket,
          dataDirectory: `${labStateDir}/pdock/pushgateway`,
        },
        blackbox_exporter: {
          port: ports.blackbox,
          containerName: names.blackbox,
          configDirectory: `${labStateDir}/pdock/blackbox`,
          modules: [{ preset: 'tcp_connect', targets: [`${labHosts.nas.address}:22`] }],
        },
      }),
    );
    const applied = await promstead(
      'deploy',
      'apply',
      'local-docker',
      'pushgateway',
      'blackbox_exporter',
      '--params-file',
      paramsFile,
      '--yes',
    );
    expect(applied.stderr, applied.stderr).not.toMatch(/^error/m);
    expect(applied.stdout).toContain(
      `verified  pushgateway  http://${labHosts.nas.address}:${ports.socket}/metrics`,
    );
    expect(applied.stdout).toContain(
      `verified  blackbox_exporter  http://${labHosts.nas.address}:${ports.blackbox}/metrics`,
    );
    const listed = await promstead('host', 'list');
    expect(listed.stdout).toMatch(/local-docker +docker unix:\/\//);

    const removed = await promstead('uninstall', 'local-docker', '--json');
    expect(removed.code).toBe(0);
    expect(await containerNames()).toEqual(before);
  }, 300_000);
});
