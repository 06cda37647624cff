// A drop rule end to end on the lab NAS: node_exporter and Prometheus deployed by
// Promstead, a rule saved for node_cpu_seconds_total{mode="idle"}, a plan for Prometheus
// that shows exactly the metric_relabel_configs it adds, an apply that reloads (the same
// container), and Prometheus no longer holding the idle series while the others stay.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, DeployPlan } from '@shared/contract';
import { Engine } from '../../electron/services/engine';
import { engineCalls } from './fixtures/engine-calls';
import { labDocker, labHosts, labRegistry, labSsh, labStateDir, labVersion } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const docker = new Docker({ socketPath: labDocker.socketPath });
const prefix = 'pdrop-';
const ports = { node: 38791, prometheus: 38790 };

let dataDir = '';
let engine: Engine;

const { call, runJob } = engineCalls(() => engine);

async function removeOurs(): Promise<void> {
  const containers = await docker.listContainers({ all: true });
  for (const name of containers
    .flatMap((container) => container.Names)
    .filter((entry) => entry.includes(prefix))) {
    await docker
      .getContainer(name.replace(/^\//, ''))
      .remove({ force: true })
      .catch(() => undefined);
  }
}

/** Under the lab's state folder: the NAS's dockerd shares this machine's file system. */
const root = `${labStateDir}/pdrop`;
const nas = labHosts.nas.address;
const prometheusUrl = `http://${nas}:${ports.prometheus}`;
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
const idle = { metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } };

async function identity(name: string): Promise<{ id: string; startedAt: string }> {
  const inspect = await docker.getContainer(name).inspect();
  return { id: inspect.Id, startedAt: inspect.State.StartedAt };
}

/** How many series an instant query returns now (stale series are not returned). */
async function seriesNow(query: string): Promise<number> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`, {
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data: { result: unknown[] } };
  return body.data.result.length;
}

/** Polls until `check` holds: at most 60 tries 2 s apart (the node job is scraped every 30 s). */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    if (await check().catch(() => false)) return;
    await sleep(2000);
  }
  throw new Error(`${what} did not happen within two minutes`);
}

beforeAll(async () => {
  await removeOurs();
  dataDir = await mkdtemp(join(tmpdir(), 'promstead-metric-drops-'));
  const settings = {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: labVersion('prom/node-exporter'),
      prometheus: labVersion('prom/prometheus'),
      busybox: labVersion('library/busybox'),
    },
  };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, data: settings }));
  engine = await Engine.open({ dataDir, transport: 'cli', version: 'test' });
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`]);
  await call('hosts.add', {
    name: 'nas',
    address: nas,
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

describe('a drop rule saved and deployed', () => {
  it('starts with Prometheus holding every CPU mode', async () => {
    const result = await runJob<ApplyResult>('deploy.apply', {
      hostId: 'nas',
      exporters: [node, prometheus],
    });
    const targets = result.verifications.find((verification) => verification.url.endsWith('/api/v1/targets'));
    expect(targets?.ok, targets?.message).toBe(true);
    await eventually(
      'the idle series in Prometheus',
      async () => (await seriesNow(`node_cpu_seconds_total{mode="idle"}`)) > 0,
    );
  }, 240_000);

  it('saves the rule for the deployment and names the Prometheus host to redeploy', async () => {
    const saved = await call<{ prometheusHostId?: string }>('metrics.saveDrops', {
      hostId: 'nas',
      exporter: 'node_exporter',
      rules: [idle],
    });
    expect(saved).toEqual({
      hostId: 'nas',
      exporter: 'node_exporter',
      rules: [idle],
      prometheusHostId: 'nas',
    });
    expect(await call('metrics.drops', {})).toEqual({
      drops: [{ hostId: 'nas', exporter: 'node_exporter', rules: [idle] }],
    });
  });

  it('plans a reload of Prometheus whose only change is the node job’s metric_relabel_configs', async () => {
    const plan = await call<DeployPlan>('deploy.plan', {
      hostId: 'nas',
      method: 'docker',
      exporters: [prometheus],
    });
    expect(plan.actions.map((action) => action.kind)).toEqual(['write-file', 'reload-exporter']);
    const diff = plan.actions[0]?.diff ?? '';
    const changed = diff.split('\n').filter((line) => /^[+-](?![+-])/.test(line));
    expect(changed).toEqual([
      '+    metric_relabel_configs:',
      '+      - source_labels: [__name__, mode]',
      '+        separator: "\\x1f"',
      '+        regex: node_cpu_seconds_total\\x1Fidle',
      '+        action: drop',
    ]);
  });

  it('applies it with a reload, after which the idle series goes and the other modes stay', async () => {
    const before = await identity(`${prefix}prometheus`);
    await runJob<ApplyResult>('deploy.apply', { hostId: 'nas', exporters: [prometheus] });
    expect(await identity(`${prefix}prometheus`)).toEqual(before);
    await eventually(
      'the idle series gone',
      async () => (await seriesNow(`node_cpu_seconds_total{mode="idle"}`)) === 0,
    );
    expect(await seriesNow(`node_cpu_seconds_total{mode="user"}`)).toBeGreaterThan(0);
    // Prometheus's own count says the scrape was trimmed, not lost.
    expect(
      await seriesNow(
        'scrape_samples_post_metric_relabeling{job="node"} < scrape_samples_scraped{job="node"}',
      ),
    ).toBe(1);
  }, 240_000);
});
