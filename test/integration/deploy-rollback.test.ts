// One failure script through both deploy methods, by DeployService as the app runs it:
// redis_exporter pointed at a Redis that is not there installs completely, then fails its
// verification (redis_up 0) and is rolled back — by Docker on the lab NAS, by systemd on the
// lab systemd host. Each host must end exactly as it was, and the error name the failure.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployMethod, PromsteadError } from '@shared/contract';
import { SystemdBinaryCache } from '../../electron/services/binaries/systemd-binary-cache';
import { DeployService } from '../../electron/services/deploy/deploy-service';
import { DeploymentStore } from '../../electron/services/deploy/deployment-store';
import { sshOf, type DeployTarget } from '../../electron/services/hosts/deploy-target';
import type { HostService } from '../../electron/services/hosts/host-service';
import { SshConnectionPool, type SshHost } from '../../electron/services/ssh';
import { labImageRef, labImages } from '../lab/lab-facts';
import {
  labDockerClient,
  labFingerprint,
  labTarget,
  recordingJob,
  snapshotHost,
} from './fixtures/deploy-docker';
import {
  labSystemdFingerprint,
  labSystemdTarget,
  removeSystemdFootprint,
  snapshotSystemdHost,
  type SystemdFootprint,
} from './fixtures/deploy-systemd';

// 384xx: away from the exporters' defaults and from the other deploy tests.
const port = 38421;
/** Nothing listens here on either host: the exporter answers, with redis_up 0. */
const missingRedisPort = 38499;
const containerName = 'pdr-redis';
const footprint: SystemdFootprint = {
  unitName: 'pdr-redis_exporter.service',
  binaryPath: '/usr/local/bin/pdr-redis_exporter',
  user: 'pdr_redis',
  directory: '/etc/pdr-redis',
};

function labImage(repository: string): (typeof labImages)[number] {
  const image = labImages.find((candidate) => candidate.repository === repository);
  if (!image) throw new Error(`lab-facts lists no image ${repository}`);
  return image;
}
const redisImage = labImage('oliver006/redis_exporter');
const helperImage = labImage('library/busybox');
// The lab's image and its Debian binary are the same build.
const redisVersion = redisImage.tag.replace(/^v/, '');

/** The same script for both methods; only where its folder goes differs (the NAS's is the run's). */
function failingRedis(configDirectory: string): Record<string, unknown> {
  return {
    port,
    redisHost: '127.0.0.1',
    redisPort: missingRedisPort,
    configDirectory,
    containerName,
    binaryPath: footprint.binaryPath,
    user: footprint.user,
  };
}

let pool: SshConnectionPool;
let docker: Docker;
let rootShell: SshHost;
let nas: DeployTarget;
let systemdHost: DeployTarget;
let work = '';
let nasRoot = '';
let store: DeploymentStore;
let service: DeployService;

async function imagesPresent(): Promise<string[]> {
  const present: string[] = [];
  for (const image of [redisImage, helperImage]) {
    const found = await docker
      .getImage(labImageRef(image))
      .inspect()
      .then(() => true)
      .catch(() => false);
    if (found) present.push(labImageRef(image));
  }
  return present;
}

interface MethodCase {
  method: DeployMethod;
  target: () => DeployTarget;
  configDirectory: () => string;
  /** Everything the script may touch on that host. */
  snapshot: () => Promise<unknown>;
}

const cases: MethodCase[] = [
  {
    method: 'docker',
    target: () => nas,
    configDirectory: () => `${nasRoot}/redis`,
    snapshot: async () => ({ ...(await snapshotHost(docker, nasRoot)), images: await imagesPresent() }),
  },
  {
    method: 'systemd',
    target: () => systemdHost,
    configDirectory: () => footprint.directory,
    snapshot: () => snapshotSystemdHost(rootShell, footprint),
  },
];

async function removeLeftovers(): Promise<void> {
  await docker
    .getContainer(containerName)
    .remove({ force: true })
    .catch(() => undefined);
  await removeSystemdFootprint(rootShell, footprint, [footprint.directory]);
}

beforeAll(async () => {
  docker = labDockerClient();
  // No answer fails the file (in CI as anywhere): the lab must be up.
  expect(String(await docker.ping())).toBe('OK');
  pool = new SshConnectionPool({ connectTimeoutMs: 10_000 });
  nas = labTarget(pool, labFingerprint(), {});
  const fingerprint = labSystemdFingerprint();
  systemdHost = labSystemdTarget(pool, fingerprint, 'deployer', { kind: 'sudo' });
  rootShell = sshOf(labSystemdTarget(pool, fingerprint, 'root', { kind: 'root' }), 'the test');
  await removeLeftovers();
  // Absent, so the Docker apply pulls it and its rollback has the pull to undo (in use: kept).
  await docker
    .getImage(labImageRef(redisImage))
    .remove()
    .catch(() => undefined);
  work = await mkdtemp(join(tmpdir(), 'promstead-it-rollback-'));
  // Under /tmp on the machine: the NAS's dockerd shares its mount namespace.
  nasRoot = await mkdtemp('/tmp/promstead-it-rollback-nas-');
  await chmod(nasRoot, 0o755);
  const cache = new SystemdBinaryCache(join(work, 'binaries'));
  await cache.addLocalBinary('redis_exporter', redisVersion, 'amd64', redisImage.binary);
  store = new DeploymentStore(join(work, 'deployments.json'));
  await store.load();
  const targets = [nas, systemdHost];
  const hosts = {
    target: async (id: string) => {
      const found = targets.find((candidate) => candidate.host.id === id);
      if (!found) throw new PromsteadError('NOT_FOUND', `no host ${id}`);
      return found;
    },
    list: () => targets.map((candidate) => candidate.host),
  };
  service = new DeployService({
    // Only target() and list() are used on this path.
    hosts: hosts as unknown as HostService,
    store,
    renderContextFor: () => ({ version: redisVersion }),
    helperImageTag: () => helperImage.tag,
    binaryCache: cache,
  });
});

afterAll(async () => {
  if (rootShell && docker) await removeLeftovers();
  await pool?.closeAll();
  if (work) await rm(work, { recursive: true, force: true });
  if (nasRoot) await rm(nasRoot, { recursive: true, force: true });
});

describe.each(cases)('the same failure through the $method method', (entry) => {
  it('redis_exporter installs, fails its verification (redis_up 0) and is undone: the host as before', async () => {
    const before = await entry.snapshot();
    const job = recordingJob();
    const error = await service
      .apply(
        {
          hostId: entry.target().host.id,
          method: entry.method,
          exporters: [{ exporter: 'redis_exporter', params: failingRedis(entry.configDirectory()) }],
        },
        job,
      )
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(PromsteadError);
    const failure = error as PromsteadError;
    expect(failure.code).toBe('VERIFICATION_FAILED');
    expect(failure.message).toMatch(
      /^redis_exporter did not verify at \S+: redis_up is 0: the exporter cannot reach what it watches\. Rolled back: /,
    );
    expect(failure.message).toContain(`removed the folder ${entry.configDirectory()}`);
    // The installed exporter answered: the whole install ran and was undone, with nothing left over.
    expect(failure.details).toMatchObject({
      notRestored: [],
      cause: {
        verification: {
          exporter: 'redis_exporter',
          ok: false,
          samples: expect.arrayContaining([{ series: 'redis_up', value: '0' }]),
        },
      },
    });
    const phases = job.events.map((event) => event.phase);
    expect(phases.indexOf('verify')).toBeGreaterThan(phases.lastIndexOf('apply'));
    expect(phases.at(-1)).toBe('rollback');
    expect(job.events).toContainEqual(expect.objectContaining({ phase: 'apply', message: 'Applied' }));
    expect(store.list()).toEqual([]);
    expect(await entry.snapshot()).toEqual(before);
  }, 180_000);
});
