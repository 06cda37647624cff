// The systemd deploy method against the lab's systemd host (Debian 12, systemd as PID 1,
// no Docker): node_exporter from a binary cache filled with Debian's 1.5.0, installed as
// root and through passwordless sudo — plan, apply, verified by scraping, planned again
// with no changes, uninstalled leaving the host as before — and injected failures (the
// port taken, a cancel after the first action) that must leave the host as it was.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Privilege, PromsteadError } from '@shared/contract';
import { sshOf, type DeployTarget } from '../../electron/services/hosts/deploy-target';
import { DeploymentStore } from '../../electron/services/deploy/deployment-store';
import { SystemdBinaryCache } from '../../electron/services/binaries/systemd-binary-cache';
import { DeployService } from '../../electron/services/deploy/deploy-service';
import type { HostService } from '../../electron/services/hosts/host-service';
import { applySystemdDeploy } from '../../electron/services/deploy/systemd/systemd-apply';
import type { SystemdDeployRequest } from '../../electron/services/deploy/systemd/systemd-desired';
import { planSystemdDeploy } from '../../electron/services/deploy/systemd/systemd-plan';
import { uninstallSystemd } from '../../electron/services/deploy/systemd/systemd-uninstall';
import { SshConnectionPool, type SshHost } from '../../electron/services/ssh';
import { labSystemdHost } from '../lab/lab-facts';
import { recordingJob } from './fixtures/deploy-docker';
import {
  labSystemdFingerprint,
  labSystemdTarget,
  removeSystemdFootprint,
  snapshotSystemdHost,
} from './fixtures/deploy-systemd';

const address = labSystemdHost.address;
// 388xx: away from the exporters' defaults and from the Docker deploy tests.
const port = 38891;
// The unit is named after the binary, as the catalog's are.
const unitName = 'pdsd-node_exporter.service';
const binaryPath = '/usr/local/bin/pdsd-node_exporter';
const user = 'pdsd_node';
const textfileParent = '/var/lib/pdsd-node';
const debianBinary = '/usr/bin/prometheus-node-exporter';
const footprint = { unitName, binaryPath, user, directory: textfileParent };

const request: SystemdDeployRequest = {
  exporter: 'node_exporter',
  params: { port, binaryPath, user, textfileDirectory: `${textfileParent}/textfile` },
  // Debian's binary is 1.5.0: the cache and the record carry that version.
  renderContext: { version: '1.5.0' },
};

let pool: SshConnectionPool;
let rootShell: SshHost;
let fingerprint = '';
let work = '';
let cache: SystemdBinaryCache;
let pristine: string[] = [];

function target(username: string, privilege: Privilege): DeployTarget {
  return labSystemdTarget(pool, fingerprint, username, privilege);
}

function snapshot(): Promise<string[]> {
  return snapshotSystemdHost(rootShell, footprint);
}

async function deployAndRemove(deployTarget: DeployTarget, store: DeploymentStore): Promise<void> {
  const plan = await planSystemdDeploy(deployTarget, [request], cache);
  expect(plan.method).toBe('systemd');
  expect(plan.actions.map((action) => action.kind)).toEqual([
    'install-binary',
    'create-user',
    'create-directory',
    'create-directory',
    'write-file',
    'install-unit',
  ]);
  expect(plan.actions.find((action) => action.target.endsWith(unitName))?.diff).toContain(`User=${user}`);

  const job = recordingJob();
  const result = await applySystemdDeploy(deployTarget, [request], job, { cache, store });
  expect(result.applied).toBe(6);
  expect(result.verifications[0]).toMatchObject({ ok: true, missingMetrics: [] });
  expect(result.verifications[0]?.samples.map((sample) => sample.series).join(' ')).toContain(
    'node_exporter_build_info',
  );
  const record = store.get(deployTarget.host.id, 'node_exporter');
  expect(record).toMatchObject({ method: 'systemd', version: '1.5.0', scrapeAddress: `${address}:${port}` });
  expect(record?.created).toMatchObject({
    files: [binaryPath, `/etc/systemd/system/${unitName}`],
    directories: [textfileParent, `${textfileParent}/textfile`],
    units: [unitName],
    users: [user],
  });
  expect(
    (await rootShell.run(['stat', '-c', '%U:%G %a', '--', `${textfileParent}/textfile`])).stdout.trim(),
  ).toBe(`${user}:${user} 755`);
  expect((await rootShell.run(['systemctl', 'is-active', '--', unitName])).stdout.trim()).toBe('active');

  const again = await planSystemdDeploy(deployTarget, [request], cache);
  expect(again.actions).toEqual([]);
  // Applying again changes nothing and still verifies.
  const reapplied = await applySystemdDeploy(deployTarget, [request], recordingJob(), { cache, store });
  expect(reapplied.applied).toBe(0);
  expect(reapplied.verifications[0]?.ok).toBe(true);

  const removed = await uninstallSystemd(deployTarget, ['node_exporter'], recordingJob(), { store });
  expect(removed.kept).toEqual([]);
  expect(removed.removed).toContain(`user ${user}`);
  expect(store.list()).toEqual([]);
  expect(await snapshot()).toEqual(pristine);
}

/** Runs `work` while a transient unit listens on the exporter's port. */
async function withPortTaken(work: () => Promise<void>): Promise<void> {
  const blocker = 'pdsd-port-blocker.service';
  await rootShell.run([
    'systemd-run',
    '--unit',
    blocker,
    '--collect',
    '--',
    '/usr/bin/systemd-socket-activate',
    '--listen',
    `0.0.0.0:${port}`,
    '/bin/cat',
  ]);
  try {
    await work();
  } finally {
    await rootShell.exec(['systemctl', 'stop', '--', blocker]);
  }
}

/** What a run that died half-way may have left: only this file's own names. */
async function removeLeftovers(): Promise<void> {
  await rootShell.exec(['systemctl', 'stop', '--', 'pdsd-port-blocker.service']);
  await removeSystemdFootprint(rootShell, footprint, [`${textfileParent}/textfile`, textfileParent]);
}

beforeAll(async () => {
  fingerprint = labSystemdFingerprint();
  expect(fingerprint).toMatch(/^SHA256:/);
  pool = new SshConnectionPool({ connectTimeoutMs: 10_000 });
  rootShell = sshOf(target('root', { kind: 'root' }), 'the test');
  // No answer fails the file (in CI as anywhere): the lab must be up.
  expect((await rootShell.run(['systemctl', 'is-system-running'])).stdout.trim()).toMatch(/running|degraded/);
  await removeLeftovers();
  work = await mkdtemp(join(tmpdir(), 'promstead-it-systemd-'));
  cache = new SystemdBinaryCache(join(work, 'binaries'));
  await cache.addLocalBinary('node_exporter', '1.5.0', 'amd64', debianBinary);
  pristine = await snapshot();
  expect(pristine.join('\n')).toContain(`getent passwd ${user} => 2`);
});

afterAll(async () => {
  if (rootShell) await removeLeftovers();
  await pool?.closeAll();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the systemd method on the lab systemd host', () => {
  it('as root: plan, apply, verified, no changes on a re-plan, uninstall leaves the host as before', async () => {
    const store = new DeploymentStore(join(work, 'root-deployments.json'));
    await store.load();
    await deployAndRemove(target('root', { kind: 'root' }), store);
  });

  it('as deployer through sudo: the same', async () => {
    const store = new DeploymentStore(join(work, 'sudo-deployments.json'));
    await store.load();
    await deployAndRemove(target(labSystemdHost.deployer.name, { kind: 'sudo' }), store);
  });

  it('refuses a host without root or sudo, naming the fix', async () => {
    const plan = planSystemdDeploy(target(labSystemdHost.deployer.name, { kind: 'none' }), [request], cache);
    await expect(plan).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/sudo/) });
  });

  it('through DeployService with method auto on a host without Docker: systemd, then uninstalled by its record', async () => {
    const deployTarget = target(labSystemdHost.deployer.name, { kind: 'sudo' });
    const store = new DeploymentStore(join(work, 'service-deployments.json'));
    await store.load();
    const hosts = { target: () => Promise.resolve(deployTarget), list: () => [] };
    const service = new DeployService({
      // Only target() and list() are used on this path.
      hosts: hosts as unknown as HostService,
      store,
      renderContextFor: () => ({ version: '1.5.0' }),
      helperImageTag: () => undefined,
      binaryCacheDir: join(work, 'binaries'),
    });
    const input = {
      hostId: deployTarget.host.id,
      method: 'auto' as const,
      exporters: [{ exporter: 'node_exporter' as const, params: request.params ?? {} }],
    };
    const plan = await service.plan(input);
    expect(plan).toMatchObject({ method: 'systemd' });
    expect(plan.actions).toHaveLength(6);
    const result = await service.apply(input, recordingJob());
    expect(result.plan.method).toBe('systemd');
    expect(result.verifications[0]?.ok).toBe(true);
    expect(service.list()[0]).toMatchObject({ method: 'systemd', exporter: 'node_exporter' });
    expect((await service.plan(input)).actions).toEqual([]);
    const removed = await service.uninstall(deployTarget.host.id, [], recordingJob());
    expect(removed.kept).toEqual([]);
    expect(service.list()).toEqual([]);
    expect(await snapshot()).toEqual(pristine);
  });

  it('replacing a binary that was there: a failure puts the previous one back', async () => {
    const store = new DeploymentStore(join(work, 'previous-deployments.json'));
    await store.load();
    await rootShell.run(['cp', '--', '/bin/true', binaryPath]);
    try {
      const before = await snapshot();
      const plan = await planSystemdDeploy(target('root', { kind: 'root' }), [request], cache);
      expect(plan.actions[0]).toMatchObject({
        kind: 'install-binary',
        before: expect.stringMatching(/^sha256 /),
      });
      await withPortTaken(async () => {
        const failed = applySystemdDeploy(target('root', { kind: 'root' }), [request], recordingJob(), {
          cache,
          store,
        });
        await expect(failed).rejects.toMatchObject({
          message: expect.stringMatching(/restored the previous \/usr\/local\/bin\/pdsd-node_exporter/),
        });
      });
      expect(await snapshot()).toEqual(before);
    } finally {
      await rootShell.run(['rm', '-f', '--', binaryPath]);
    }
    expect(await snapshot()).toEqual(pristine);
  });

  it('with the port taken by another listener: the unit does not keep running, everything is undone', async () => {
    const store = new DeploymentStore(join(work, 'blocked-deployments.json'));
    await store.load();
    await withPortTaken(async () => {
      const job = recordingJob();
      const failed = applySystemdDeploy(target('root', { kind: 'root' }), [request], job, { cache, store });
      await expect(failed).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/did not keep running/),
      });
      const error = (await failed.catch((caught: unknown) => caught)) as PromsteadError;
      expect((error.details as { notRestored: unknown[] }).notRestored).toEqual([]);
      expect(store.list()).toEqual([]);
    });
    expect(await snapshot()).toEqual(pristine);
  });

  it('cancelled after the first action: everything is undone', async () => {
    const store = new DeploymentStore(join(work, 'cancel-deployments.json'));
    await store.load();
    const job = recordingJob((event, running) => {
      if (event.phase === 'apply' && event.current === 1) running.cancel();
    });
    const cancelled = applySystemdDeploy(
      target(labSystemdHost.deployer.name, { kind: 'sudo' }),
      [request],
      job,
      {
        cache,
        store,
      },
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(job.logs.join('\n')).toMatch(/Rolled back: .*removed .*pdsd-node_exporter/);
    expect(store.list()).toEqual([]);
    expect(await snapshot()).toEqual(pristine);
  });
});
