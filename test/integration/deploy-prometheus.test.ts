// Prometheus deployed by Promstead on the lab NAS scrapes what Promstead deployed there:
// its config is rendered from the deployments, /api/v1/targets reports every target up,
// a later deploy re-renders it, and uninstalling everything leaves the NAS as it was.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, ApiError, Result } from '../../shared/contract';
import { Engine } from '../../electron/services/engine';
import { labDocker, labHosts, labImages, labRegistry, labSsh, labStateDir } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const docker = new Docker({ socketPath: labDocker.socketPath });
const prefix = 'pprom-';
const ports = { node: 38691, pushgateway: 38692, prometheus: 38690 };

let dataDir = '';
let engine: Engine;

function labVersion(repository: string): string {
  const image = labImages.find((entry) => entry.repository === repository);
  if (!image) throw new Error(`the lab has no ${repository}`);
  return image.tag.replace(/^v/, '');
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = (await engine.invoke(name, input, 'test')) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function runJob<T>(name: string, input: unknown): Promise<T> {
  const { jobId } = await call<{ jobId: string }>(name, input);
  const end = await engine.waitForJob(jobId);
  if (end.type !== 'done')
    throw new Error(`${name} ${end.type}: ${(end as { error?: ApiError }).error?.message ?? ''}`);
  return end.result as T;
}

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

beforeAll(async () => {
  await removeOurs();
  dataDir = await mkdtemp(join(tmpdir(), 'promstead-deploy-prometheus-'));
  const settings = {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: labVersion('prom/node-exporter'),
      pushgateway: labVersion('prom/pushgateway'),
      prometheus: labVersion('prom/prometheus'),
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

  it('renders its config again when another exporter is deployed, and scrapes that too', async () => {
    const result = await runJob<ApplyResult>('deploy.apply', { hostId: 'nas', exporters: [pushgateway] });
    const targets = result.verifications.find((verification) => verification.url.endsWith('/api/v1/targets'));
    expect(targets?.ok, targets?.message).toBe(true);
    expect(targets?.samples.map((sample) => sample.series)).toContain(
      `up{job="pushgateway",instance="${labHosts.nas.address}:${ports.pushgateway}"}`,
    );
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
