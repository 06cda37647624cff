// The lab's self-test: every component answers from the workstation namespace, with
// right credentials and not with wrong ones, and nothing leaves the lab.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Client } from 'ssh2';
import { Client as SshClient, utils as sshUtils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  labDatabases,
  labHosts,
  labImageRef,
  labImages,
  labRegistry,
  labSnmp,
  labSsh,
  labSystemdHost,
  outsideAddress,
} from '../lab/lab-facts';
import { connectAsKeyUser, connectSsh, dockerOverSsh, exec } from './fixtures/ssh';
import { getV2c, getV3, systemOids, walk } from './fixtures/snmp';

const execFileAsync = promisify(execFile);
const nas = labHosts.nas.address;

async function ping(address: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await execFileAsync('ping', ['-c', '1', '-W', '2', address], { timeout: 10_000 });
    return { ok: true, output: stdout };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('the LAN', () => {
  it.each(['nas', 'switch', 'accessPoint', 'printer'] as const)(
    '%s answers ping from the workstation',
    async (host) => {
      expect((await ping(labHosts[host].address)).ok).toBe(true);
    },
  );

  it('refuses, locally and at once, a packet to an address outside the lab', async () => {
    const result = await ping(outsideAddress);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/unreachable/i);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const socket = connect({ host: outsideAddress, port: 80, timeout: 5000 });
      socket.once('error', (failure) => resolve(failure));
      socket.once('connect', () => {
        socket.destroy();
        resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' }));
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }));
      });
    });
    expect(error.code).toBe('ENETUNREACH');
  });
});

describe('SNMP agents', () => {
  it.each([
    ['nas', labSnmp.enterprise.netSnmp, 'DiskStation'],
    ['switch', '1.3.6.1.4.1.11863', undefined],
    ['accessPoint', labSnmp.enterprise.ubiquiti, undefined],
  ] as const)('%s answers v2c with its system group', async (host, enterprise, sysName) => {
    const [descr, objectId, name] = await getV2c(labHosts[host].address, [
      systemOids.sysDescr,
      systemOids.sysObjectID,
      systemOids.sysName,
    ]);
    expect(descr?.value.length).toBeGreaterThan(5);
    expect(objectId?.value.startsWith(enterprise)).toBe(true);
    if (sysName) expect(name?.value).toBe(sysName);
  });

  it('the NAS answers Synology vendor OIDs (model, DSM version)', async () => {
    const [model, version] = await getV2c(nas, [
      `${labSnmp.enterprise.synology}.1.5.1.0`,
      `${labSnmp.enterprise.synology}.1.5.3.0`,
    ]);
    expect(model?.value).toMatch(/^DS/);
    expect(version?.value).toMatch(/DSM/);
  });

  it('the switch lists its ports in ifTable, some up and some down', async () => {
    const names = await walk(labHosts.switch.address, '1.3.6.1.2.1.2.2.1.2');
    const statuses = await walk(labHosts.switch.address, '1.3.6.1.2.1.2.2.1.8');
    const statusByIndex = new Map(statuses.map((row) => [row.oid.split('.').at(-1), row.value]));
    for (const port of labSnmp.switchPorts) {
      const row = names.find((entry) => entry.value === port.name);
      expect(row, `ifDescr ${port.name}`).toBeDefined();
      expect(statusByIndex.get(row?.oid.split('.').at(-1))).toBe(port.up ? '1' : '2');
    }
  });

  it('times out for a wrong v2c community', async () => {
    await expect(getV2c(nas, [systemOids.sysName], labSnmp.wrongCommunity)).rejects.toThrow(/timed? ?out/i);
  });

  it('answers v3 authPriv with the right keys and refuses wrong ones without hanging', async () => {
    const [name] = await getV3(nas, [systemOids.sysName]);
    expect(name?.value).toBe('DiskStation');
    await expect(
      getV3(nas, [systemOids.sysName], { authKey: 'wrong-auth-key', privKey: labSnmp.v3.privKey }),
    ).rejects.toThrow(/wrong digest|incorrect password/i);
  });
});

describe('SSH to the NAS', () => {
  it('logs in with the key user and finds the DiskStation hostname and the Docker socket', async () => {
    const client = await connectAsKeyUser();
    try {
      const result = await exec(client, 'hostname; id -nG; test -S /var/run/docker.sock && echo socket');
      expect(result.stdout).toContain(labHosts.nas.hostname);
      expect(result.stdout).toMatch(/\bdocker\b/);
      expect(result.stdout).toContain('socket');
    } finally {
      client.end();
    }
  });

  it('logs in with the password user, and refuses a wrong password', async () => {
    const client = await connectSsh({
      username: labSsh.passwordUser.name,
      password: labSsh.passwordUser.password,
    });
    expect((await exec(client, 'whoami')).stdout.trim()).toBe(labSsh.passwordUser.name);
    client.end();
    await expect(
      connectSsh({ username: labSsh.passwordUser.name, password: 'wrong-password' }),
    ).rejects.toThrow(/authentication/i);
  });
});

describe('Docker on the NAS, through the SSH-forwarded socket', () => {
  let client: Client;
  let docker: Docker;
  beforeAll(async () => {
    client = await connectAsKeyUser();
    docker = dockerOverSsh(client);
  });
  afterAll(() => client?.end());

  it('answers the Engine API', async () => {
    const version = await docker.version();
    expect(version.ApiVersion).toMatch(/^1\.\d+/);
    const info = await docker.info();
    expect(info.Driver).toBe('overlay2');
  });

  it('the registry holds every lab image', async () => {
    const response = await fetch(`${labRegistry.url}/v2/_catalog`);
    const catalog = (await response.json()) as { repositories: string[] };
    for (const image of labImages) expect(catalog.repositories).toContain(image.repository);
  });

  it('pulls an image from the lab registry with layer progress', async () => {
    const image = labImages.find((candidate) => candidate.repository === 'prom/pushgateway') ?? labImages[0];
    const ref = labImageRef(image);
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
    const stream = await docker.pull(ref);
    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(
        stream,
        (error) => (error ? reject(error) : resolve()),
        (event: { status?: string }) => {
          if (event.status) statuses.push(event.status);
        },
      ),
    );
    expect(
      statuses.some((status) => /Pull complete|Download complete|Downloaded newer image/.test(status)),
    ).toBe(true);
    expect((await docker.getImage(ref).inspect()).RepoTags).toContain(ref);
  });
});

describe('databases on the NAS', () => {
  it('Postgres accepts the monitoring user and refuses a wrong password', async () => {
    const { port, user, password, database } = labDatabases.postgres;
    const client = new pg.Client({
      host: nas,
      port,
      user,
      password,
      database,
      connectionTimeoutMillis: 5000,
    });
    await client.connect();
    const { rows } = await client.query<{ ok: number }>('select 1 as ok');
    await client.end();
    expect(rows[0]?.ok).toBe(1);
    const wrong = new pg.Client({
      host: nas,
      port,
      user,
      password: 'wrong',
      database,
      connectionTimeoutMillis: 5000,
    });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('MariaDB accepts the monitoring user and refuses a wrong password', async () => {
    const { port, user, password } = labDatabases.mariadb;
    const connection = await mysql.createConnection({
      host: nas,
      port,
      user,
      password,
      connectTimeout: 5000,
    });
    const [rows] = await connection.query('select 1 as ok');
    await connection.end();
    expect(rows).toEqual([{ ok: 1 }]);
    await expect(
      mysql.createConnection({ host: nas, port, user, password: 'wrong', connectTimeout: 5000 }),
    ).rejects.toThrow(/Access denied/);
  });

  it('Redis answers PING with the password and refuses commands without it', async () => {
    // No ready check: it would send INFO first, get NOAUTH and close before our PING.
    const options = {
      host: nas,
      port: labDatabases.redis.port,
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    };
    const redis = new Redis({ ...options, password: labDatabases.redis.password });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
    const anonymous = new Redis(options);
    await anonymous.connect();
    await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();
  });
});

describe('Prometheus on the NAS', () => {
  const names = { prometheus: 'lab-selftest-prometheus', node: 'lab-selftest-node-exporter' };
  let client: Client;
  let docker: Docker;
  beforeAll(async () => {
    client = await connectAsKeyUser();
    docker = dockerOverSsh(client);
  });
  afterAll(async () => {
    for (const name of Object.values(names))
      await docker
        ?.getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
    client?.end();
  });

  async function pull(ref: string): Promise<void> {
    const stream = await docker.pull(ref);
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())),
    );
  }

  it('scrapes a node_exporter container and itself, every target up', async () => {
    const prometheusImage = labImages.find((image) => image.repository === 'prom/prometheus');
    const nodeImage = labImages.find((image) => image.repository === 'prom/node-exporter');
    if (!prometheusImage || !nodeImage)
      throw new Error('lab-facts lacks the Prometheus or node_exporter image');
    await pull(labImageRef(prometheusImage));
    await pull(labImageRef(nodeImage));

    // The config goes to the NAS over SFTP, then into the container as a bind mount.
    const home = (await exec(client, 'printf %s "$HOME"')).stdout;
    const configPath = `${home}/prometheus-selftest.yml`;
    const config = [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      "  - { job_name: prometheus, static_configs: [ { targets: ['127.0.0.1:9090'] } ] }",
      "  - { job_name: node, static_configs: [ { targets: ['127.0.0.1:9100'] } ] }",
      '',
    ].join('\n');
    await new Promise<void>((resolve, reject) =>
      client.sftp((error, sftp) => {
        if (error) return reject(error);
        sftp.writeFile(configPath, config, (writeError) => {
          sftp.end();
          if (writeError) reject(writeError);
          else resolve();
        });
      }),
    );

    const node = await docker.createContainer({
      name: names.node,
      Image: labImageRef(nodeImage),
      HostConfig: { NetworkMode: 'host' },
    });
    await node.start();
    const prometheus = await docker.createContainer({
      name: names.prometheus,
      Image: labImageRef(prometheusImage),
      Cmd: ['--config.file=/etc/prometheus/selftest.yml', '--storage.tsdb.path=/tmp/prometheus'],
      HostConfig: { NetworkMode: 'host', Binds: [`${configPath}:/etc/prometheus/selftest.yml:ro`] },
    });
    await prometheus.start();

    let health: string[] = [];
    for (let attempt = 0; attempt < 60; attempt++) {
      try {
        const response = await fetch(`http://${nas}:9090/api/v1/targets`, {
          signal: AbortSignal.timeout(2000),
        });
        const body = (await response.json()) as {
          data: { activeTargets: { labels: { job: string }; health: string }[] };
        };
        health = body.data.activeTargets.map((target) => `${target.labels.job}:${target.health}`).sort();
        if (health.length === 2 && health.every((entry) => entry.endsWith(':up'))) break;
      } catch {
        // Prometheus is still starting.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(health).toEqual(['node:up', 'prometheus:up']);
  });
});

describe('the systemd host', () => {
  const host = labSystemdHost;

  /** The SHA-256 fingerprint, as `ssh-keygen -l` prints it, of a key blob. */
  function fingerprint(blob: Buffer): string {
    return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  }

  function connectToHost(auth: {
    username: string;
    password?: string;
    privateKey?: Buffer;
  }): Promise<SshClient> {
    const expected = fingerprint(
      Buffer.from(readFileSync(host.hostPublicKeyPath, 'utf8').split(' ')[1] ?? '', 'base64'),
    );
    return new Promise((resolve, reject) => {
      const client = new SshClient();
      client.once('ready', () => resolve(client));
      client.once('error', reject);
      client.connect({
        host: host.address,
        port: host.sshPort,
        readyTimeout: 10_000,
        tryKeyboard: false,
        hostVerifier: (key: Buffer) => fingerprint(key) === expected,
        ...auth,
      });
    });
  }

  async function runAs(
    auth: { username: string; password?: string; privateKey?: Buffer },
    command: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const client = await connectToHost(auth);
    try {
      return await exec(client, command);
    } finally {
      client.end();
    }
  }

  const byKey = (username: string): { username: string; privateKey: Buffer } => ({
    username,
    privateKey: readFileSync(host.privateKeyPath),
  });

  it('answers ping from the workstation', async () => {
    expect((await ping(host.address)).ok).toBe(true);
  });

  it('lets root in by key, with the host key the lab wrote, and runs systemd as PID 1, fully up', async () => {
    const result = await runAs(
      byKey('root'),
      'hostname; cat /proc/1/comm; systemctl is-system-running; systemctl list-units --failed --no-legend --plain',
    );
    const [hostname, init, state, ...failed] = result.stdout.trim().split('\n');
    expect(hostname).toBe(host.hostname);
    expect(init).toBe('systemd');
    expect({ state, failed }).toEqual({ state: 'running', failed: [] });
  });

  it('gives the deployer passwordless sudo', async () => {
    const result = await runAs(byKey(host.deployer.name), 'whoami; sudo -n true && echo sudo-ok');
    expect(result.stdout.trim().split('\n')).toEqual([host.deployer.name, 'sudo-ok']);
  });

  it('lets the limited user in by password, without sudo, and refuses a wrong password', async () => {
    const auth = { username: host.limited.name, password: host.limited.password };
    const result = await runAs(auth, 'whoami; sudo -n true');
    expect(result.stdout.trim()).toBe(host.limited.name);
    expect(result.code).not.toBe(0);
    await expect(connectToHost({ ...auth, password: 'wrong-password' })).rejects.toThrow(/authentication/i);
  });

  it('refuses root by password and by a key it does not know', async () => {
    await expect(connectToHost({ username: 'root', password: host.limited.password })).rejects.toThrow(
      /authentication/i,
    );
    const stranger = sshUtils.generateKeyPairSync('ed25519');
    await expect(
      connectToHost({ username: 'root', privateKey: Buffer.from(stranger.private) }),
    ).rejects.toThrow(/authentication/i);
  });
});
