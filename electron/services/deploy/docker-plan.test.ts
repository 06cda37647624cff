import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { PromsteadError } from '../../../shared/contract/errors';
import {
  adaptParamsToHost,
  adaptToHost,
  renderDesired,
  type DesiredExporter,
  type DockerDeployRequest,
} from './docker-desired';
import { planSteps } from './docker-plan';
import {
  parseListeningPorts,
  rootPropagatesFrom,
  type ActualContainer,
  type DockerActualState,
} from './docker-state';

const secret = 'S3cr3t-value"with`quotes';
const redis: DockerDeployRequest = {
  exporter: 'redis_exporter',
  params: {
    port: 9121,
    configDirectory: '/etc/promstead/redis',
    redisHost: 'db.lan',
    passwordSecretId: 'redis.pw',
  },
};

function desired(request: DockerDeployRequest = redis, rootPropagates = true): Promise<DesiredExporter> {
  return renderDesired(
    request,
    { imageRegistryMirror: 'registry.lan:5000' },
    { rootPropagates, systemdRunning: true },
    async (id) => {
      if (id !== 'redis.pw') throw new PromsteadError('NOT_FOUND', 'no such secret');
      return secret;
    },
  );
}

function emptyState(): DockerActualState {
  return {
    containers: new Map(),
    images: new Set(),
    paths: new Map([
      ['/etc/promstead/redis/password.json', null],
      ['/etc/promstead/redis', null],
      ['/etc/promstead', null],
      ['/etc', { type: 'directory', size: 0, mode: 0o755 }],
    ]),
    fileContents: new Map(),
    listeningPorts: new Set([22]),
    publishedBy: new Map(),
  };
}

/** The host after a successful apply of `entry`. */
function appliedState(entry: DesiredExporter): DockerActualState {
  const file = entry.files.find((candidate) => candidate.kind === 'file');
  const inspect = {
    Id: 'c1',
    Name: `/${entry.spec.name}`,
    State: { Running: true, Restarting: false },
    Config: { ...entry.spec, Labels: entry.spec.Labels },
    HostConfig: entry.spec.HostConfig,
  } as unknown as Docker.ContainerInspectInfo;
  const container: ActualContainer = {
    id: 'c1',
    name: entry.spec.name,
    managed: true,
    running: true,
    specHash: entry.spec.Labels?.['io.promstead.spec-hash'] ?? '',
    inspect,
  };
  return {
    containers: new Map([[entry.spec.name, container]]),
    images: new Set([entry.image]),
    paths: new Map(
      entry.files.map((candidate) => [
        candidate.path,
        { type: candidate.kind, size: 0, mode: candidate.mode },
      ]),
    ),
    fileContents: new Map(
      file?.content
        ? [[file.path, { content: file.content, mode: file.mode, uid: file.uid, gid: file.gid }]]
        : [],
    ),
    listeningPorts: new Set([22, 9121]),
    publishedBy: new Map([[9121, entry.spec.name]]),
  };
}

describe('planSteps', () => {
  it('plans pull, missing folders outermost first, the file and the container on an empty host', async () => {
    const entry = await desired();
    const { actions } = planSteps([entry], emptyState());
    expect(entry.image).toMatch(/^registry\.lan:5000\/oliver006\/redis_exporter:v/);
    expect(actions.map((action) => `${action.kind} ${action.target}`)).toEqual([
      `pull-image ${entry.image}`,
      'create-directory /etc/promstead',
      'create-directory /etc/promstead/redis',
      'write-file /etc/promstead/redis/password.json',
      `create-container ${entry.spec.name}`,
    ]);
    const file = actions.find((action) => action.kind === 'write-file');
    expect(file?.after).toContain('((promstead-secret:redis.pw))');
    expect(JSON.stringify(actions)).not.toContain('S3cr3t');
  });

  it('plans nothing for a host that already is as asked', async () => {
    const entry = await desired();
    expect(planSteps([entry], appliedState(entry)).actions).toEqual([]);
  });

  it('replaces only the container whose parameter changed, with the setting in the diff', async () => {
    const before = await desired();
    const after = await desired({ ...redis, params: { ...redis.params, memoryLimitMiB: 96 } });
    const { actions } = planSteps([after], appliedState(before));
    expect(actions.map((action) => action.kind)).toEqual(['replace-container']);
    expect(actions[0]?.diff).toContain('-HostConfig.Memory: 67108864');
    expect(actions[0]?.diff).toContain('+HostConfig.Memory: 100663296');
  });

  it('rewrites a file whose secret changed without showing either value', async () => {
    const entry = await desired();
    const state = appliedState(entry);
    const path = '/etc/promstead/redis/password.json';
    const old = state.fileContents.get(path);
    state.fileContents.set(path, { ...old!, content: Buffer.from('{"redis://db.lan:6379":"old-value"}') });
    const { actions } = planSteps([entry], state);
    expect(actions.map((action) => action.kind)).toEqual(['write-file']);
    expect(actions[0]?.before).toBe('(current content holds secrets: not shown)');
    expect(actions[0]?.diff).toBeUndefined();
    expect(JSON.stringify(actions)).not.toMatch(/old-value|S3cr3t/);
  });

  it('refuses a same-named container Promstead did not create, saying how to fix it', async () => {
    const entry = await desired();
    const state = appliedState(entry);
    const foreign = state.containers.get(entry.spec.name)!;
    state.containers.set(entry.spec.name, { ...foreign, managed: false });
    expect(() => planSteps([entry], state)).toThrow(/did not create.*docker rename/);
  });

  it('refuses a port another container publishes or something listens on', async () => {
    const entry = await desired();
    const published = { ...emptyState(), publishedBy: new Map([[9121, 'someone-else']]) };
    expect(() => planSteps([entry], published)).toThrow(/published by the container "someone-else"/);
    const listening = { ...emptyState(), listeningPorts: new Set([9121]) };
    expect(() => planSteps([entry], listening)).toThrow(/already listens on port 9121/);
  });

  it('names the field of a bad parameter', async () => {
    await expect(desired({ ...redis, params: { ...redis.params, port: 70000 } })).rejects.toThrow(
      /params\.port/,
    );
  });
});

describe('host facts', () => {
  it('drops rslave from node_exporter’s root bind only where / does not propagate', async () => {
    const node: DockerDeployRequest = { exporter: 'node_exporter', params: {} };
    const rslave = (entry: DesiredExporter): boolean =>
      entry.spec.HostConfig?.Binds?.some((bind) => bind.includes('rslave')) ?? false;
    expect(rslave(await desired(node, true))).toBe(true);
    expect(rslave(await desired(node, false))).toBe(false);
    expect(
      adaptToHost(
        { name: 'x', Image: 'i', HostConfig: { Binds: ['/data:/data:ro'] } },
        { rootPropagates: false, systemdRunning: true },
      ).HostConfig?.Binds,
    ).toEqual(['/data:/data:ro']);
  });

  it('reads / propagation from mountinfo and listening ports from /proc/net/tcp', () => {
    expect(rootPropagatesFrom('22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n')).toBe(true);
    expect(rootPropagatesFrom('22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n')).toBe(false);
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1',
      '   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2',
      '   0: 00000000000000000000000000000000:23A1 00000000000000000000000000000000:0000 0A 0 0 0 0 0 3',
    ].join('\n');
    expect([...parseListeningPorts(tcp)]).toEqual([22, 9121]);
  });
});

describe('adaptParamsToHost', () => {
  it('drops the systemd collector where systemd is not PID 1, unless the user chose the collectors', () => {
    const noSystemd = { rootPropagates: true, systemdRunning: false };
    expect(adaptParamsToHost('node_exporter', { port: 9101 }, noSystemd)).toEqual({
      port: 9101,
      extraCollectors: ['processes'],
    });
    expect(adaptParamsToHost('node_exporter', { extraCollectors: ['systemd'] }, noSystemd)).toEqual({
      extraCollectors: ['systemd'],
    });
    expect(adaptParamsToHost('node_exporter', {}, { rootPropagates: true, systemdRunning: true })).toEqual(
      {},
    );
    expect(adaptParamsToHost('redis_exporter', {}, noSystemd)).toEqual({});
  });
});
