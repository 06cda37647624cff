// The whole loop from a terminal, against the lab NAS: add the host, plan, apply (pulled
// from the lab registry through the mirror setting, verified by scraping), plan again
// ("no changes"), uninstall; the NAS's containers are as they were before.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDocker, labHosts, labRegistry, labSsh, labStateDir, labVersion } from '../lab/lab-facts';
import { runPromstead, type CliRun } from './fixtures/promstead-cli';

const execFileAsync = promisify(execFile);
const docker = new Docker({ socketPath: labDocker.socketPath });
const containerName = 'pcli-node';
const port = 38391;
const promNames = { node: 'pcli-prom-node', prometheus: 'pcli-prom-prometheus' };
const promPorts = { node: 38392, prometheus: 38390 };

let home = '';

const promstead = (...args: string[]): Promise<CliRun> => runPromstead(home, ...args);

async function containerNames(): Promise<string[]> {
  const containers = await docker.listContainers({ all: true });
  return containers.flatMap((container) => container.Names).sort();
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'promstead-deploy-cli-'));
  // What a user sets once for an offline homelab: the local registry, and the versions it carries.
  const settings = {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: labVersion('prom/node-exporter'),
      prometheus: labVersion('prom/prometheus'),
      busybox: labVersion('library/busybox'),
    },
  };
  await writeFile(join(home, 'settings.json'), JSON.stringify({ version: 1, data: settings }));
  for (const name of [containerName, ...Object.values(promNames)])
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
});

afterAll(async () => {
  for (const name of [containerName, ...Object.values(promNames)])
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
  await rm(home, { recursive: true, force: true });
});

describe('promstead deploy (the real command, on the lab NAS)', () => {
  it('adds the NAS, plans, applies with verification, finds no changes, and uninstalls to what was there', async () => {
    const before = await containerNames();
    const { stdout: keygen } = await execFileAsync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`]);
    const fingerprint = keygen.split(' ')[1] ?? '';
    const login = `${labSsh.keyUser.name}@${labHosts.nas.address}`;
    const added = await promstead(
      'host',
      'add',
      login,
      '--key',
      labSsh.keyUser.privateKeyPath,
      '--fingerprint',
      fingerprint,
      '--name',
      'nas',
    );
    expect(added.code).toBe(0);

    // Under the lab's state folder: the NAS's dockerd shares this machine's file system.
    const params = [
      '--param',
      `port=${port}`,
      '--param',
      `containerName=${containerName}`,
      '--param',
      `textfileDirectory=${labStateDir}/pcli/textfile`,
    ];
    const plan = await promstead('deploy', 'plan', 'nas', 'node_exporter', ...params);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^create-container +node_exporter/m);
    expect(await containerNames()).toEqual(before);

    const unconfirmed = await promstead('deploy', 'apply', 'nas', 'node_exporter', ...params);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');

    // The NAS does not run systemd: asking for the systemd collector cannot verify, and the
    // failed verification rolls everything back.
    const unverifiable = await promstead(
      'deploy',
      'apply',
      'nas',
      'node_exporter',
      ...params,
      '--param',
      'extraCollectors=systemd,processes',
      '--yes',
    );
    expect(unverifiable.code).toBe(1);
    expect(unverifiable.stderr).toMatch(
      /error VERIFICATION_FAILED: node_exporter did not verify .*node_systemd_unit_state.* Rolled back: /,
    );
    expect(await containerNames()).toEqual(before);

    const applied = await promstead('deploy', 'apply', 'nas', 'node_exporter', ...params, '--yes');
    expect(applied.stderr, applied.stderr).not.toMatch(/^error/m);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(
      `verified  node_exporter  http://${labHosts.nas.address}:${port}/metrics`,
    );
    expect(applied.stdout).toMatch(/node_/);

    const again = await promstead('deploy', 'plan', 'nas', 'node_exporter', ...params);
    expect(again.stdout).toContain('nas: no changes');
    const listed = await promstead('uninstall', 'nas', '--json');
    expect(listed.code).toBe(0);
    const result = JSON.parse(listed.stdout) as { removed: string[] };
    expect(result.removed.join('\n')).toContain(containerName);
    expect(await containerNames()).toEqual(before);
  }, 300_000);
  it('deploys node_exporter with a Prometheus that scrapes it (every target up), then uninstalls both', async () => {
    const before = await containerNames();
    const root = `${labStateDir}/pcli-prom`;
    const paramsFile = join(home, 'with-prometheus.json');
    await writeFile(
      paramsFile,
      JSON.stringify({
        node_exporter: {
          port: promPorts.node,
          containerName: promNames.node,
          textfileDirectory: `${root}/textfile`,
        },
        prometheus: {
          port: promPorts.prometheus,
          containerName: promNames.prometheus,
          configDirectory: `${root}/prometheus/config`,
          dataDirectory: `${root}/prometheus/data`,
          memoryLimitMiB: 256,
        },
      }),
    );
    const applied = await promstead(
      'deploy',
      'apply',
      'nas',
      'node_exporter',
      'prometheus',
      '--params-file',
      paramsFile,
      '--yes',
    );
    expect(applied.stderr, applied.stderr).not.toMatch(/^error/m);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(
      `verified  node_exporter  http://${labHosts.nas.address}:${promPorts.node}/metrics`,
    );
    // Prometheus's own verification: its targets API reports every target up, node_exporter's too.
    expect(applied.stdout).toMatch(/^verified {2}prometheus {2}.*/m);
    const targets = (await (
      await fetch(`http://${labHosts.nas.address}:${promPorts.prometheus}/api/v1/targets`)
    ).json()) as { data: { activeTargets: { health: string; scrapeUrl: string }[] } };
    const nodeTarget = targets.data.activeTargets.find((target) =>
      target.scrapeUrl.includes(`:${promPorts.node}/`),
    );
    expect(nodeTarget?.health).toBe('up');

    const removed = await promstead('uninstall', 'nas', '--json');
    expect(removed.code).toBe(0);
    const result = JSON.parse(removed.stdout) as { removed: string[] };
    expect(result.removed.join('\n')).toContain(promNames.prometheus);
    expect(await containerNames()).toEqual(before);
  }, 300_000);
});
