// Prometheus deployed by Promstead on the lab NAS scrapes what Promstead deployed there:
// its config is rendered from the deployments, /api/v1/targets reports every target up,
// a later deploy re-renders it and Prometheus reloads it (the same process keeps running),
// a config it rejects is put back, and uninstalling everything leaves the NAS as it was.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult } from '@shared/contract';
import { Engine } from '../../electron/services/engine';
import { engineCalls } from './fixtures/engine-calls';
import { labDocker, labHosts, labRegistry, labSsh, labStateDir, labVersion } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const docker = new Docker({ socketPath: labDocker.socketPath });
const prefix = 'pprom-';
const ports = { node: 38691, pushgateway: 38692, prometheus: 38690, blackbox: 38693 };

let dataDir = '';
let engine: Engine;

const { call, runJob } = engineCalls(() => engine);

async function ourContainers(): Promise<string[]> {
  const containers = await docker.listContainers({ all: true });
  return containers.flatMap((container) => container.Names).filter((name) => name.includes(prefix));
}

async function removeOurs(): Promise<void> {
  for (const name of await ourContainers()) {
    await docker
      .getContainer(name.replace(/^\//, ''))
      .remove({ force: true })
      .catch(() => undefined);
  }
}

/** Under the lab's state folder: the NAS's dockerd shares this machine's file system. */
const root = `${labStateDir}/pprom`;

const node = {
  exporter: 'node_exporter',
  params: { port: ports.node, containerName: `${prefix}node`, textfileDirectory: `${root}/textfile` },
};
const prometheus = {
  exporter: 'prometheus',
  params: {
    port: ports.prometheus,
    containerName: `${prefix}prometheus`,
    configDirectory: `${root}/prometheus/config`,
    dataDirectory: `${root}/prometheus/data`,
    memoryLimitMiB: 256,
  },
};
const pushgateway = {
  exporter: 'pushgateway',
  params: {
    port: ports.pushgateway,
    containerName: `${prefix}pushgateway`,
    dataDirectory: `${root}/pushgateway/data`,
  },
};

/** What tells a reload from a replacement: the same container, started at the same moment. */
async function identity(name: string): Promise<{ id: string; startedAt: string }> {
  const inspect = await docker.getContainer(name).inspect();
  return { id: inspect.Id, startedAt: inspect.State.StartedAt };
}

async function getText(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: await response.text() };
}

/** The value of an unlabelled sample in an exposition body. */
function sampleValue(body: string, name: string): string | undefined {
  return new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1];
}

const nas = labHosts.nas.address;
const prometheusUrl = `http://${nas}:${ports.prometheus}`;
const blackboxUrl = `http://${nas}:${ports.blackbox}`;
const sshModule = { preset: 'tcp_connect', targets: [`${nas}:22`] };
const registryModule = { preset: 'http_2xx', name: 'registry_http', targets: [`${labRegistry.url}/v2/`] };
const blackbox = (
  modules: Record<string, unknown>[],
): { exporter: string; params: Record<string, unknown> } => ({
  exporter: 'blackbox_exporter',
  params: {
    port: ports.blackbox,
    containerName: `${prefix}blackbox`,
    configDirectory: `${root}/blackbox`,
    modules,
  },
});

beforeAll(async () => {
  await removeOurs();
  dataDir = await mkdtemp(join(tmpdir(), 'promstead-deploy-prometheus-'));
  const settings = {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: labVersion('prom/node-exporter'),
      pushgateway: labVersion('prom/pushgateway'),
      prometheus: labVersion('prom/prometheus'),
      blackbox_exporter: labVersion('prom/blackbox-exporter'),
      busybox: labVersion('library/busybox'),
    },
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, data: settings }));
  engine = await Engine.open({ dataDir, transport: 'cli', version: 'test' });
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`]);
  await call('hosts.add', {
    name: 'nas',
    address: labHosts.nas.address,
    username: labSsh.keyUser.name,
    auth: { kind: 'keyFile', keyPath: labSsh.keyUser.privateKeyPath },
    fingerprint: stdout.split(' ')[1],
  });
});

afterAll(async () => {
  await engine?.close();
  await removeOurs();
  await rm(root, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('Prometheus deployed by Promstead', () => {
  it('scrapes the exporters deployed with it, every target up', async () => {
    const result = await runJob<ApplyResult>('deploy.apply', {
      hostId: 'nas',
      exporters: [node, prometheus],
    });
    const targets = result.verifications.find((verification) => verification.url.endsWith('/api/v1/targets'));
    expect(targets?.message, JSON.stringify(result.verifications)).toMatch(/^All \d+ targets are up/);
    expect(targets?.ok).toBe(true);
    expect(targets?.samples.map((sample) => sample.series)).toEqual(
      expect.arrayContaining([
        `up{job="node",instance="${labHosts.nas.address}:${ports.node}"}`,
        `up{job="prometheus",instance="${labHosts.nas.address}:${ports.prometheus}"}`,
      ]),
    );
  }, 240_000);

  it('reloads its config when another exporter is deployed (same process), and scrapes that too', async () => {
    const before = await identity(`${prefix}prometheus`);
    const result = await runJob<ApplyResult>('deploy.apply', { hostId: 'nas', exporters: [pushgateway] });
    const targets = result.verifications.find((verification) => verification.url.endsWith('/api/v1/targets'));
    expect(targets?.ok, targets?.message).toBe(true);
    expect(targets?.samples.map((sample) => sample.series)).toContain(
      `up{job="pushgateway",instance="${nas}:${ports.pushgateway}"}`,
    );
    // Reloaded, not replaced: the TSDB process, its uptime and its in-memory state stay.
    expect(await identity(`${prefix}prometheus`)).toEqual(before);
    const config = await readFile(`${root}/prometheus/config/prometheus.yml`, 'utf8');
    expect(config).toContain(`${nas}:${ports.pushgateway}`);
    const metrics = await getText(`${prometheusUrl}/metrics`);
    expect(sampleValue(metrics.body, 'prometheus_config_last_reload_successful')).toBe('1');
  }, 240_000);

  it('reloads blackbox_exporter when its modules change: the same container probes with the new module', async () => {
    await runJob<ApplyResult>('deploy.apply', { hostId: 'nas', exporters: [blackbox([sshModule])] });
    const before = await identity(`${prefix}blackbox`);
    const probe = `${blackboxUrl}/probe?module=registry_http&target=${encodeURIComponent(`${labRegistry.url}/v2/`)}`;
    expect((await getText(probe)).status, 'the module is not there yet').not.toBe(200);

    const plan = await call<{ actions: { kind: string; summary: string }[] }>('deploy.plan', {
      hostId: 'nas',
      method: 'docker',
      exporters: [blackbox([sshModule, registryModule])],
    });
    expect(plan.actions.map((action) => action.kind)).toEqual(['write-file', 'reload-exporter']);
    expect(plan.actions[1]?.summary).toBe('Write blackbox.yml and reload Blackbox Exporter (no restart).');

    const result = await runJob<ApplyResult>('deploy.apply', {
      hostId: 'nas',
      exporters: [blackbox([sshModule, registryModule])],
    });
    expect(await identity(`${prefix}blackbox`)).toEqual(before);
    const answer = await getText(probe);
    expect(answer.status).toBe(200);
    expect(sampleValue(answer.body, 'probe_success')).toBe('1');
    // Prometheus, reloaded in turn, scrapes the new module's job.
    const targets = result.verifications.find((verification) => verification.url.endsWith('/api/v1/targets'));
    expect(targets?.ok, targets?.message).toBe(true);
    expect(targets?.samples.map((sample) => sample.series)).toContain(
      `up{job="blackbox_registry_http",instance="${labRegistry.url}/v2/"}`,
    );
  }, 240_000);

  it('puts back a config Prometheus rejects, and Prometheus keeps running the previous one', async () => {
    const configPath = `${root}/prometheus/config/prometheus.yml`;
    const previous = await readFile(configPath, 'utf8');
    const before = await identity(`${prefix}prometheus`);
    // Promstead checks only that a user's own config is bounded text: the duration is
    // Prometheus's to judge. The rules are the current ones, so only prometheus.yml changes.
    const rejected = previous.replace(/scrape_interval: \S+/, 'scrape_interval: every-now-and-then');
    expect(rejected).not.toBe(previous);
    const rulesContent = await readFile(`${root}/prometheus/config/rules/promstead.yml`, 'utf8');
    const failure = runJob('deploy.apply', {
      hostId: 'nas',
      exporters: [{ ...prometheus, params: { ...prometheus.params, configContent: rejected, rulesContent } }],
    });
    await expect(failure).rejects.toThrow(
      /Prometheus did not take the new configuration: POST .*\/-\/reload answered HTTP 5\d\d: .*every-now-and-then.*Rolled back: .*restored the previous .*prometheus\.yml/,
    );
    expect(await readFile(configPath, 'utf8')).toBe(previous);
    expect(await identity(`${prefix}prometheus`)).toEqual(before);
    // Reloaded again with the restored file: its last reload is a good one.
    const metrics = await getText(`${prometheusUrl}/metrics`);
    expect(sampleValue(metrics.body, 'prometheus_config_last_reload_successful')).toBe('1');
  }, 240_000);

  it('uninstalls everything: no container, no config; only the data Prometheus wrote is kept', async () => {
    const result = await runJob<{ removed: string[]; kept: string[] }>('deploy.uninstall', { hostId: 'nas' });
    expect(await ourContainers()).toEqual([]);
    expect(result.removed).toEqual(
      expect.arrayContaining([`file ${root}/prometheus/config/prometheus.yml`, `folder ${root}/textfile`]),
    );
    // Prometheus's TSDB is the user's data: it stays, with the folders holding it.
    expect([...result.kept].sort(), JSON.stringify(result)).toEqual(
      [
        `folder ${root}: it holds files Promstead did not create`,
        `folder ${root}/prometheus: it holds files Promstead did not create`,
        `folder ${root}/prometheus/data: it holds files Promstead did not create`,
      ].sort(),
    );
    await expect(stat(`${root}/prometheus/config`)).rejects.toThrow(/ENOENT/);
  }, 240_000);
});
