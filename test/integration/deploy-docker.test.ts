// The Docker deploy method against the lab NAS as labadmin (docker group, no sudo):
// plan, apply with pulls from the lab registry, verification by scraping, idempotence,
// a parameter change replacing one container, injected failures that must leave the
// host exactly as it was, and uninstall leaving nothing. A lab that is down fails here.
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyResult, PromsteadError } from '@shared/contract';
import { applyDockerDeploy } from '../../electron/services/deploy/docker/docker-apply';
import type { DockerDeployRequest } from '../../electron/services/deploy/docker/docker-desired';
import { helperLabel } from '../../electron/services/hosts/helper-image';
import { planDockerDeploy } from '../../electron/services/deploy/docker/docker-plan';
import { DeploymentStore } from '../../electron/services/deploy/deployment-store';
import { uninstallDocker } from '../../electron/services/deploy/docker/docker-uninstall';
import type { DeployTarget } from '../../electron/services/hosts/deploy-target';
import { SshConnectionPool } from '../../electron/services/ssh';
import { nasDockerNetworks } from '../lab/components/nas-docker';
import { labDatabases, labHosts, labImages, labRegistry, labStateDir } from '../lab/lab-facts';
import {
  labDockerClient,
  labFingerprint,
  labSshTarget,
  labTarget,
  recordingJob,
  snapshotHost,
  type HostSnapshot,
  type ProgressEvent,
  type RecordingJob,
} from './fixtures/deploy-docker';

const nas = labHosts.nas.address;
// 38xxx: away from the defaults and from exporter-containers.test.ts (39xxx).
const ports = {
  node: 38100,
  blackbox: 38115,
  postgres: 38187,
  mysqld: 38104,
  redis: 38121,
  pushgateway: 38091,
  blocked: 38199,
};
const namePrefix = 'pdd-';
const testLabel = 'io.promstead.test';

const secrets = {
  'lab.postgres.password': labDatabases.postgres.password,
  'lab.mariadb.password': labDatabases.mariadb.password,
  'lab.redis.password': labDatabases.redis.password,
};

function labTag(repository: string): string {
  const image = labImages.find((candidate) => candidate.repository === repository);
  if (!image) throw new Error(`lab-facts lists no image ${repository}`);
  return image.tag;
}
const version = (repository: string): { version: string } => ({
  version: labTag(repository).replace(/^v/, ''),
});
const helperImageOverride = { repository: 'library/busybox', tag: labTag('library/busybox') };

let root = '';
let docker: Docker;
let pool: SshConnectionPool;
let target: DeployTarget;
let store: DeploymentStore;
let fingerprint = '';
let pristine: HostSnapshot;

/** Four exporters that reach what they watch from a bridge network; `change` tweaks params. */
function requests(change: Partial<Record<string, Record<string, unknown>>> = {}): DockerDeployRequest[] {
  const list: DockerDeployRequest[] = [
    {
      exporter: 'node_exporter',
      params: {
        port: ports.node,
        containerName: `${namePrefix}node`,
        textfileDirectory: `${root}/etc/node/textfile`,
        // The lab runs no systemd (no D-Bus to bind): only the processes collector.
        extraCollectors: ['processes'],
      },
      renderContext: version('prom/node-exporter'),
    },
    {
      exporter: 'blackbox_exporter',
      params: {
        port: ports.blackbox,
        containerName: `${namePrefix}blackbox`,
        configDirectory: `${root}/etc/blackbox`,
        modules: [
          { preset: 'http_2xx', targets: [`${labRegistry.url}/v2/`] },
          { preset: 'tcp_connect', targets: [`${nas}:22`] },
        ],
      },
      renderContext: version('prom/blackbox-exporter'),
    },
    {
      exporter: 'mysqld_exporter',
      params: {
        port: ports.mysqld,
        containerName: `${namePrefix}mysqld`,
        configDirectory: `${root}/etc/mysqld`,
        databaseHost: nas,
        databasePort: labDatabases.mariadb.port,
        databaseUser: labDatabases.mariadb.user,
        passwordSecretId: 'lab.mariadb.password',
      },
      // The catalog renders 0.15's --config.my-cnf container, which Debian's 0.14 honours.
      renderContext: { imageOverride: { tag: labTag('prom/mysqld-exporter') } },
    },
    {
      exporter: 'redis_exporter',
      params: {
        port: ports.redis,
        containerName: `${namePrefix}redis`,
        configDirectory: `${root}/etc/redis`,
        redisHost: nas,
        redisPort: labDatabases.redis.port,
        passwordSecretId: 'lab.redis.password',
      },
      renderContext: version('oliver006/redis_exporter'),
    },
  ];
  return list.map((request) => ({ ...request, params: { ...request.params, ...change[request.exporter] } }));
}

/**
 * postgres_exporter on its own: a bridge container reaches Postgres from Docker's network,
 * which the lab's pg_hba.conf admits since b1a9fb2 (a lab started before that refuses it).
 */
function postgresRequest(): DockerDeployRequest {
  return {
    exporter: 'postgres_exporter',
    params: {
      port: ports.postgres,
      containerName: `${namePrefix}postgres`,
      configDirectory: `${root}/etc/postgres`,
      databaseHost: nas,
      databasePort: labDatabases.postgres.port,
      database: labDatabases.postgres.database,
      databaseUser: labDatabases.postgres.user,
      passwordSecretId: 'lab.postgres.password',
    },
    renderContext: version('prometheuscommunity/postgres-exporter'),
  };
}

function apply(list: DockerDeployRequest[], job: RecordingJob = recordingJob()): Promise<ApplyResult> {
  return applyDockerDeploy(target, list, job, {
    store,
    helperImageOverride,
    verify: { attempts: 60, timeoutMs: 45_000 },
  });
}

async function failureOf(work: Promise<unknown>): Promise<PromsteadError> {
  const error = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PromsteadError);
  return error as PromsteadError;
}

async function removeOurs(): Promise<void> {
  const containers = await docker.listContainers({ all: true });
  for (const container of containers) {
    const ours =
      container.Names.some((name) => name.startsWith(`/${namePrefix}`)) ||
      container.Labels[helperLabel] === 'true' ||
      container.Labels[testLabel] === 'deploy-docker';
    if (ours) await docker.getContainer(container.Id).remove({ force: true });
  }
}

/** Lab images this file deploys, removed while unused so the first apply really pulls. */
async function removeUnusedImages(): Promise<void> {
  for (const image of labImages) {
    await docker
      .getImage(`${labRegistry.host}/${image.repository}:${image.tag}`)
      .remove()
      .catch(() => undefined);
  }
}

function secretValuesIn(text: string): string[] {
  return Object.values(secrets).filter((value) => text.includes(value));
}

beforeAll(async () => {
  docker = labDockerClient();
  // No answer fails the file (in CI as anywhere): the lab must be up.
  expect(String(await docker.ping())).toBe('OK');
  await removeOurs();
  await removeUnusedImages();
  fingerprint = labFingerprint();
  pool = new SshConnectionPool({ connectTimeoutMs: 10_000 });
  target = labTarget(pool, fingerprint, secrets);
  // Under /tmp on the machine: the NAS's dockerd shares its mount namespace.
  root = await mkdtemp('/tmp/promstead-it-deploy-');
  await chmod(root, 0o755);
  await mkdir(`${root}-state`);
  store = new DeploymentStore(`${root}-state/deployments.json`);
  await store.load();
  pristine = await snapshotHost(docker, root);
});

afterAll(async () => {
  await pool?.closeAll();
  if (docker) await removeOurs();
  if (root) {
    await rm(root, { recursive: true, force: true });
    await rm(`${root}-state`, { recursive: true, force: true });
  }
});

describe('Docker deploy to the lab NAS as a docker-group user', () => {
  it('plans the exporters with diffs and no secret values', async () => {
    const plan = await planDockerDeploy(target, [...requests(), postgresRequest()], { helperImageOverride });
    expect(plan.method).toBe('docker');
    const kinds = plan.actions.map((action) => `${action.exporter} ${action.kind}`);
    for (const exporter of [
      'node_exporter',
      'blackbox_exporter',
      'postgres_exporter',
      'mysqld_exporter',
      'redis_exporter',
    ]) {
      expect(kinds).toContain(`${exporter} pull-image`);
      expect(kinds).toContain(`${exporter} create-container`);
    }
    // The run folder's etc/ is missing: created first, once.
    expect(plan.actions.filter((action) => action.target === `${root}/etc`)).toHaveLength(1);
    const password = plan.actions.find((action) => action.target === `${root}/etc/postgres/password`);
    expect(password?.after).toBe('((promstead-secret:lab.postgres.password))');
    expect(secretValuesIn(JSON.stringify(plan))).toEqual([]);
    // Planning changes nothing, and removes the helper image it pulled to read files.
    expect(await snapshotHost(docker, root)).toEqual(pristine);
    await expect(
      docker.getImage(`${labRegistry.host}/library/busybox:${helperImageOverride.tag}`).inspect(),
    ).rejects.toMatchObject({ statusCode: 404 });
  }, 120_000);

  it('applies with pull progress, verifies each exporter and records what it created', async () => {
    const job = recordingJob();
    const result = await apply(requests(), job);
    expect(result.verifications.map((verification) => [verification.exporter, verification.ok])).toEqual([
      ['node_exporter', true],
      ['blackbox_exporter', true],
      ['mysqld_exporter', true],
      ['redis_exporter', true],
    ]);
    const up = (exporter: string, name: string): string | undefined =>
      result.verifications
        .find((verification) => verification.exporter === exporter)
        ?.samples.find((sample) => sample.series === name)?.value;
    expect(up('mysqld_exporter', 'mysql_up')).toBe('1');
    expect(up('redis_exporter', 'redis_up')).toBe('1');
    const pulls = job.events.filter((event: ProgressEvent) => event.phase === 'pull');
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.some((event) => event.total > 0 && event.message?.includes('MB'))).toBe(true);
    expect(secretValuesIn(JSON.stringify(result) + job.logs.join('\n') + JSON.stringify(job.events))).toEqual(
      [],
    );

    const records = store.list('lab-nas');
    expect(records.map((record) => record.exporter).sort()).toEqual([
      'blackbox_exporter',
      'mysqld_exporter',
      'node_exporter',
      'redis_exporter',
    ]);
    const redis = records.find((record) => record.exporter === 'redis_exporter');
    expect(redis?.created.containers).toEqual([`${namePrefix}redis`]);
    expect(redis?.created.files).toEqual([`${root}/etc/redis/password.json`]);
    expect(redis?.created.directories).toEqual([`${root}/etc/redis`]);
    expect(redis?.scrapeAddress).toBe(`${nas}:${ports.redis}`);
  }, 300_000);

  it('deploys postgres_exporter (pg_up 1) beside them, then uninstalls just it', async () => {
    const hba = await readFile(`${labStateDir}/nas/postgres/data/pg_hba.conf`, 'utf8');
    expect(
      nasDockerNetworks.filter((network) => !hba.includes(network)),
      'the running lab’s Postgres predates b1a9fb2 and refuses Docker’s networks: restart the lab',
    ).toEqual([]);
    const before = await snapshotHost(docker, root);
    try {
      const result = await apply([postgresRequest()]);
      const verification = result.verifications[0];
      expect(verification?.ok).toBe(true);
      expect(verification?.samples).toContainEqual({ series: 'pg_up', value: '1' });
      expect(store.get('lab-nas', 'postgres_exporter')?.created.files).toContain(
        `${root}/etc/postgres/password`,
      );
    } finally {
      if (store.get('lab-nas', 'postgres_exporter')) {
        await uninstallDocker(target, ['postgres_exporter'], recordingJob(), { store, helperImageOverride });
      }
    }
    expect(await snapshotHost(docker, root)).toEqual(before);
    expect(store.get('lab-nas', 'node_exporter')).toBeDefined();
  }, 300_000);

  it('plans no changes after applying', async () => {
    const plan = await planDockerDeploy(target, requests(), { helperImageOverride });
    expect(plan.actions).toEqual([]);
  }, 120_000);

  it('replaces just the container whose parameter changed', async () => {
    const before = await snapshotHost(docker, root);
    const changed = requests({ redis_exporter: { memoryLimitMiB: 96 } });
    const plan = await planDockerDeploy(target, changed, { helperImageOverride });
    expect(plan.actions.map((action) => `${action.exporter} ${action.kind}`)).toEqual([
      'redis_exporter replace-container',
    ]);
    expect(plan.actions[0]?.diff).toContain('+HostConfig.Memory: 100663296');
    await apply(changed);
    const after = await snapshotHost(docker, root);
    const changedLines = after.containers.filter((line) => !before.containers.includes(line));
    expect(changedLines).toHaveLength(1);
    expect(changedLines[0]).toMatch(new RegExp(`^/${namePrefix}redis `));
    expect(after.files).toEqual(before.files);
    // Back to the first parameters for the failure tests.
    await apply(requests());
  }, 300_000);

  it('verifies through the SSH connection an exporter published on the host’s 127.0.0.1 only', async () => {
    const local = requests({ redis_exporter: { listenAddress: '127.0.0.1' } });
    const result = await apply(local);
    const redis = result.verifications.find((verification) => verification.exporter === 'redis_exporter');
    expect(redis?.url).toBe(`http://127.0.0.1:${ports.redis}/metrics (through SSH)`);
    expect(redis?.samples).toContainEqual({ series: 'redis_up', value: '1' });
    expect(result.verifications.find((verification) => verification.exporter === 'node_exporter')?.url).toBe(
      `http://${nas}:${ports.node}/metrics`,
    );
    await apply(requests());
  }, 300_000);

  describe('injected failures leave the host exactly as before', () => {
    const pushgatewayImage = `${labRegistry.host}/prom/pushgateway:${labTag('prom/pushgateway')}`;
    const pushgatewayRequest = (port = ports.pushgateway): DockerDeployRequest => ({
      exporter: 'pushgateway',
      params: { port, containerName: `${namePrefix}pushgateway`, dataDirectory: `${root}/pushgateway` },
      renderContext: version('prom/pushgateway'),
    });
    /** A change touching a file and a container of blackbox and a container of mysqld. */
    const changedSet = (): DockerDeployRequest[] =>
      requests({
        blackbox_exporter: { modules: [{ preset: 'tcp_connect', targets: [`${nas}:22`] }] },
        mysqld_exporter: { memoryLimitMiB: 80 },
      });

    it('the SSH connection killed mid-apply', async () => {
      await docker
        .getImage(pushgatewayImage)
        .remove()
        .catch(() => undefined);
      const before = await snapshotHost(docker, root);
      // Cut while the pull streams over the connection, after blackbox's file and container changed.
      let cut = false;
      const job = recordingJob((event) => {
        if (event.phase !== 'pull' || cut) return;
        cut = true;
        void pool.close(labSshTarget(fingerprint));
      });
      const error = await failureOf(apply([...changedSet(), pushgatewayRequest()], job));
      expect(cut).toBe(true);
      expect(error.message).toMatch(/Rolled back: .*restored the previous .*blackbox\.yml/);
      expect(await snapshotHost(docker, root)).toEqual(before);
      await expect(docker.getImage(pushgatewayImage).inspect()).rejects.toMatchObject({ statusCode: 404 });
    }, 300_000);

    it('a published port already taken', async () => {
      const before = await snapshotHost(docker, root);
      const blocker = await docker.createContainer({
        name: `${namePrefix}port-blocker`,
        Image: `${labRegistry.host}/library/busybox:${labTag('library/busybox')}`,
        Entrypoint: ['/bin/busybox'],
        Cmd: ['sleep', '600'],
        Labels: { [testLabel]: 'deploy-docker' },
        ExposedPorts: { [`${ports.blocked}/tcp`]: {} },
        HostConfig: { PortBindings: { [`${ports.blocked}/tcp`]: [{ HostPort: String(ports.blocked) }] } },
      });
      await blocker.start();
      const withBlocker = await snapshotHost(docker, root);
      const list = [...changedSet(), pushgatewayRequest(ports.blocked)];
      const error = await failureOf(apply(list));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toContain(
        `Port ${ports.blocked} is already published by the container "${namePrefix}port-blocker"`,
      );
      expect(await snapshotHost(docker, root)).toEqual(withBlocker);
      await blocker.remove({ force: true });
      expect(await snapshotHost(docker, root)).toEqual(before);
    }, 300_000);

    it('a same-named container Promstead did not create', async () => {
      const stranger = await docker.createContainer({
        name: `${namePrefix}pushgateway`,
        Image: `${labRegistry.host}/library/busybox:${labTag('library/busybox')}`,
        Entrypoint: ['/bin/busybox'],
        Cmd: ['true'],
        Labels: { [testLabel]: 'deploy-docker' },
      });
      try {
        const before = await snapshotHost(docker, root);
        const error = await failureOf(apply([...changedSet(), pushgatewayRequest()]));
        expect(error.code).toBe('CONFLICT');
        expect(error.message).toContain(
          `A container named "${namePrefix}pushgateway" exists that Promstead did not create`,
        );
        expect(await snapshotHost(docker, root)).toEqual(before);
      } finally {
        await stranger.remove({ force: true });
      }
    }, 300_000);

    it('an image missing from the registry', async () => {
      const before = await snapshotHost(docker, root);
      const list = changedSet().map((request) =>
        request.exporter === 'redis_exporter'
          ? { ...request, renderContext: { imageOverride: { tag: 'v0.0.0-not-in-the-registry' } } }
          : request,
      );
      const error = await failureOf(apply(list));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/v0\.0\.0-not-in-the-registry[\s\S]*Rolled back/);
      expect(await snapshotHost(docker, root)).toEqual(before);
    }, 300_000);

    it('cancelled during a pull', async () => {
      await docker
        .getImage(pushgatewayImage)
        .remove()
        .catch(() => undefined);
      const before = await snapshotHost(docker, root);
      const job = recordingJob((event, self) => {
        if (event.phase === 'pull') self.cancel();
      });
      const list = [...changedSet(), pushgatewayRequest()];
      const error = await failureOf(apply(list, job));
      expect(error.code).toBe('CANCELLED');
      expect(await snapshotHost(docker, root)).toEqual(before);
      await expect(docker.getImage(pushgatewayImage).inspect()).rejects.toMatchObject({ statusCode: 404 });
    }, 300_000);

    it('cancelled after the first action', async () => {
      const before = await snapshotHost(docker, root);
      const job = recordingJob((event, self) => {
        if (event.phase === 'apply' && event.current === 1) self.cancel();
      });
      const error = await failureOf(apply(changedSet(), job));
      expect(error.code).toBe('CANCELLED');
      expect(error.message).toMatch(/Rolled back: .*restored the previous/);
      expect(await snapshotHost(docker, root)).toEqual(before);
    }, 300_000);
  });

  it('uninstall leaves the host as it was before the first deploy', async () => {
    const result = await uninstallDocker(target, [], recordingJob(), { store, helperImageOverride });
    expect(result.removed).toContain(`container ${namePrefix}node`);
    expect(result.kept).toEqual([]);
    expect(store.list('lab-nas')).toEqual([]);
    expect(await snapshotHost(docker, root)).toEqual(pristine);
  }, 300_000);
});
