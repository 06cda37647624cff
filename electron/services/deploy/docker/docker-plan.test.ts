import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import {
  adaptParamsToHost,
  adaptToHost,
  renderDesired,
  type DesiredExporter,
  type DockerDeployRequest,
} from './docker-desired';
import { planSteps, type DockerStep } from './docker-plan';
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

/** The host after a successful apply of `entry`: its container running, every file written. */
function appliedState(entry: DesiredExporter): DockerActualState {
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
      entry.files.flatMap((file) =>
        file.content
          ? [[file.path, { content: file.content, mode: file.mode, uid: file.uid, gid: file.gid }] as const]
          : [],
      ),
    ),
    listeningPorts: new Set([22, entry.port]),
    publishedBy: new Map([[entry.port, entry.spec.name]]),
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

describe('planSteps: a config change an exporter can reload', () => {
  const config = (interval: string): string =>
    `global:\n  scrape_interval: ${interval}\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['localhost:9090']\n`;
  const prometheus = (params: Record<string, unknown> = {}): DockerDeployRequest => ({
    exporter: 'prometheus',
    params: { configContent: config('30s'), rulesContent: 'groups: []\n', ...params },
  });
  const blackbox = (targets: string[]): DockerDeployRequest => ({
    exporter: 'blackbox_exporter',
    params: {
      modules: [
        { preset: 'tcp_connect', targets: ['nas.lan:22'] },
        ...(targets.length > 0 ? [{ preset: 'http_2xx', targets }] : []),
      ],
    },
  });
  const kinds = (steps: readonly DockerStep[]): string[] =>
    steps.map((step) => `${step.kind} ${step.exporter}`);

  it('writes prometheus.yml and reloads Prometheus instead of replacing its container, the diff still shown', async () => {
    const before = await desired(prometheus());
    const after = await desired(prometheus({ configContent: config('15s') }));
    const { steps, actions } = planSteps([after], appliedState(before));
    expect(kinds(steps)).toEqual(['write-file prometheus', 'reload-exporter prometheus']);
    expect(actions[0]?.target).toBe('/etc/promstead/prometheus/prometheus.yml');
    expect(actions[0]?.diff).toContain('-  scrape_interval: 30s');
    expect(actions[0]?.diff).toContain('+  scrape_interval: 15s');
    expect(actions[1]).toMatchObject({
      kind: 'reload-exporter',
      target: 'prometheus',
      summary: 'Write prometheus.yml and reload Prometheus (no restart).',
    });
  });

  it('names every file the reload takes', async () => {
    const before = await desired(prometheus());
    const after = await desired(
      prometheus({ configContent: config('15s'), rulesContent: 'groups: [] # new\n' }),
    );
    const { actions } = planSteps([after], appliedState(before));
    expect(actions.map((action) => action.kind)).toEqual(['write-file', 'write-file', 'reload-exporter']);
    expect(actions[2]?.summary).toBe(
      'Write prometheus.yml and promstead.yml and reload Prometheus (no restart).',
    );
  });

  it('reloads blackbox_exporter when its modules change', async () => {
    const before = await desired(blackbox([]));
    const after = await desired(blackbox(['https://nas.lan/']));
    const { steps, actions } = planSteps([after], appliedState(before));
    expect(kinds(steps)).toEqual(['write-file blackbox_exporter', 'reload-exporter blackbox_exporter']);
    expect(actions[1]?.summary).toBe('Write blackbox.yml and reload Blackbox Exporter (no restart).');
  });

  it('replaces the container when a setting changes too: a reload cannot change it', async () => {
    const before = await desired(prometheus());
    const after = await desired(prometheus({ configContent: config('15s'), memoryLimitMiB: 4096 }));
    expect(kinds(planSteps([after], appliedState(before)).steps)).toEqual([
      'write-file prometheus',
      'replace-container prometheus',
    ]);
  });

  it('replaces the container where the exporter cannot reload: no lifecycle API, or no reload in the catalog', async () => {
    const noLifecycleBefore = await desired(prometheus({ enableLifecycle: false }));
    const noLifecycleAfter = await desired(
      prometheus({ enableLifecycle: false, configContent: config('15s') }),
    );
    expect(kinds(planSteps([noLifecycleAfter], appliedState(noLifecycleBefore)).steps)).toEqual([
      'write-file prometheus',
      'replace-container prometheus',
    ]);
    const before = await desired(prometheus());
    const after = await desired(prometheus({ configContent: config('15s') }));
    const withoutReload = { ...after, definition: { ...after.definition, reload: undefined } };
    expect(kinds(planSteps([withoutReload], appliedState(before)).steps)).toEqual([
      'write-file prometheus',
      'replace-container prometheus',
    ]);
  });

  it('replaces a stopped container, and one created before containers carried the settings hash', async () => {
    const before = await desired(prometheus());
    const after = await desired(prometheus({ configContent: config('15s') }));
    const stopped = appliedState(before);
    const container = stopped.containers.get('prometheus')!;
    stopped.containers.set('prometheus', { ...container, running: false });
    stopped.listeningPorts = new Set([22]);
    stopped.publishedBy = new Map();
    expect(kinds(planSteps([after], stopped).steps)).toContain('replace-container prometheus');

    const older = appliedState(before);
    const { ['io.promstead.settings-hash']: _settings, ...labels } = before.spec.Labels ?? {};
    const olderContainer = older.containers.get('prometheus')!;
    older.containers.set('prometheus', {
      ...olderContainer,
      inspect: { ...olderContainer.inspect, Config: { ...olderContainer.inspect.Config, Labels: labels } },
    });
    expect(kinds(planSteps([after], older).steps)).toEqual([
      'write-file prometheus',
      'replace-container prometheus',
    ]);
  });

  it('plans nothing once the reloaded files are on the host, though the container keeps its first spec hash', async () => {
    const before = await desired(prometheus());
    const after = await desired(prometheus({ configContent: config('15s') }));
    const reloaded = appliedState(after);
    const container = reloaded.containers.get('prometheus')!;
    // A reload leaves the labels of the container's creation.
    reloaded.containers.set('prometheus', {
      ...container,
      specHash: before.spec.Labels?.['io.promstead.spec-hash'] ?? '',
    });
    expect(planSteps([after], reloaded).actions).toEqual([]);
    // And going back to the first config is a reload again, not "current by its label".
    expect(kinds(planSteps([before], reloaded).steps)).toEqual([
      'write-file prometheus',
      'reload-exporter prometheus',
    ]);
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
