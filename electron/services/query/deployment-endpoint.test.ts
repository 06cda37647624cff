// The deployed Prometheus reached through SSH when it listens on the host's loopback only:
// Debian's Prometheus bound to 127.0.0.1, the deployment's address 127.0.0.2 (refused
// there), and an in-process SSH server (ssh2's own; no sshd runs in the unit suite) that
// forwards the tunnel's TCP streams to the host's 127.0.0.1, as sshd's AllowTcpForwarding does.
import { connect } from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeploymentRecord, SshHostRecord } from '@shared/contract';
import type { DeployTarget } from '../hosts';
import { fingerprintOf, SshConnectionPool } from '../ssh';
import {
  describeWithPrometheus,
  type RunningPrometheus,
  startPrometheus,
} from './prometheus-process.fixture';
import { QueryService } from './query-service';

const { Server, utils } = ssh2;

let prometheus: RunningPrometheus;
let sshServer: InstanceType<typeof Server>;
let sshPort = 0;
let fingerprint = '';
const pool = new SshConnectionPool({ connectTimeoutMs: 5000 });
/** Where each forwarded stream went, as the SSH server saw the requests. */
const forwards: string[] = [];

beforeAll(async () => {
  prometheus = await startPrometheus();
  const hostKey = utils.generateKeyPairSync('ed25519').private;
  const parsed = utils.parseKey(hostKey);
  if (parsed instanceof Error) throw parsed;
  fingerprint = fingerprintOf(parsed.getPublicSSH());
  sshServer = new Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (context) => context.accept());
    client.on('ready', () => {
      client.on('tcpip', (accept, reject, info) => {
        forwards.push(`${info.destIP}:${info.destPort}`);
        const upstream = connect(info.destPort, info.destIP);
        upstream.once('error', () => reject());
        upstream.once('connect', () => {
          const channel = accept();
          channel.pipe(upstream).pipe(channel);
          channel.on('close', () => upstream.destroy());
        });
      });
    });
  });
  await new Promise<void>((resolve) => sshServer.listen(0, '127.0.0.1', resolve));
  const address = sshServer.address();
  sshPort = typeof address === 'object' && address ? address.port : 0;
}, 60_000);

afterAll(async () => {
  await pool.close({ host: '127.0.0.1', port: sshPort, username: 'admin' });
  await new Promise<void>((resolve) => sshServer?.close(() => resolve()));
  await prometheus?.stop();
});

const host: SshHostRecord = {
  kind: 'ssh',
  id: 'nas',
  name: 'NAS',
  address: '127.0.0.2',
  port: 22,
  username: 'admin',
  auth: { kind: 'agent' },
  hostKey: { fingerprint: `SHA256:${'A'.repeat(43)}`, keyType: 'ssh-ed25519', pinnedAt: 0 },
  privilege: { kind: 'none' },
  createdAt: 0,
};

function serviceFor(scrapeAddress: string): QueryService {
  const record: DeploymentRecord = {
    hostId: 'nas',
    exporter: 'prometheus',
    method: 'systemd',
    params: {},
    version: '2.42.0',
    created: { containers: [], images: [], files: [], directories: [], units: [], users: [] },
    scrapeAddress,
    deployedAt: 0,
  };
  const ssh = pool.host({
    host: '127.0.0.1',
    port: sshPort,
    username: 'admin',
    auth: { kind: 'password', password: 'any' },
    hostKeyFingerprint: fingerprint,
  });
  return new QueryService({
    deploy: { list: () => [record] },
    // A fake of HostService: the host record, and a target with a real SSH connection.
    hosts: {
      get: () => host,
      target: () => Promise.resolve({ host, ssh } as Partial<DeployTarget> as DeployTarget),
    },
    secrets: { get: () => Promise.reject(new Error('none')) },
  });
}

describeWithPrometheus('A deployed Prometheus on the host’s loopback only', () => {
  it('is queried through SSH when its address refuses', async () => {
    forwards.length = 0;
    const service = serviceFor(`127.0.0.2:${prometheus.port}`);
    const server = { kind: 'deployment', hostId: 'nas' } as const;
    const targets = await service.targets(server);
    expect(targets.map((target) => `${target.job} ${target.health}`)).toEqual(['prometheus up']);
    const answer = await service.instant(server, 'vector(3)');
    expect(answer.data).toMatchObject({ resultType: 'vector', result: [{ value: [expect.any(Number), 3] }] });
    // Both exchanges went to the host's own 127.0.0.1, one stream each.
    expect(forwards).toEqual([`127.0.0.1:${prometheus.port}`, `127.0.0.1:${prometheus.port}`]);
  });

  it("keeps Prometheus's own errors when it answers through SSH", async () => {
    const service = serviceFor(`127.0.0.2:${prometheus.port}`);
    await expect(service.instant({ kind: 'deployment', hostId: 'nas' }, 'sum(up')).rejects.toMatchObject({
      code: 'QUERY_ERROR',
      message: 'invalid parameter "query": 1:7: parse error: unclosed left parenthesis',
    });
  });
});
