// Discovery's probes against the lab's real daemons: what the NAS serves, a printer that
// serves nothing, a real Debian node_exporter, a silent port, the ARP table, and a cancel.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PromsteadError, type Service } from '@shared/contract';
import {
  defaultPorts,
  macVendor,
  probeServices,
  readNeighbours,
  reverseLookup,
} from '../../electron/services/discovery/probes';
import { isLocallyAdministered } from '../../electron/services/discovery/probes/mac-address';
import { labDatabases, labHosts, labImages, labRegistry, labSsh } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const nas = labHosts.nas.address;
const printer = labHosts.printer.address;
const nodeExporter = labImages.find((image) => image.repository === 'prom/node-exporter');
const nodeExporterPort = 19100;
const registryPort = Number(labRegistry.host.split(':')[1]);

function probe(
  address: string,
  ports: readonly number[],
  signal = new AbortController().signal,
): Promise<Service[]> {
  return probeServices(address, { ports, timeoutMs: 1000, signal });
}

function byPort(services: Service[], port: number): Service | undefined {
  return services.find((service) => service.port === port);
}

/** True once something accepts connections on the address and port. */
function accepting(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sockets this process holds open: client and accepted ones, not listeners. */
function openTcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TLSWrap')
    .length;
}

let exporterProcess: ChildProcess | undefined;
let silent: Server;
let silentPort: number;
const silentConnections = new Set<Socket>();

beforeAll(async () => {
  if (!nodeExporter) throw new Error('lab-facts lists no node_exporter image');
  exporterProcess = spawn(nodeExporter.binary, [`--web.listen-address=127.0.0.1:${nodeExporterPort}`], {
    stdio: 'ignore',
  });
  silent = createServer((socket) => {
    silentConnections.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => silentConnections.delete(socket));
    // Reads and drops what arrives (an HTTP request, a TLS hello) so it sees the client close.
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as AddressInfo).port;
  await vi.waitFor(
    async () => {
      if (exporterProcess?.exitCode !== null)
        throw new Error(`node_exporter exited (${exporterProcess?.exitCode})`);
      expect(await accepting('127.0.0.1', nodeExporterPort)).toBe(true);
    },
    { timeout: 15_000, interval: 100 },
  );
});

afterAll(async () => {
  const child = exporterProcess;
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  }
  for (const socket of silentConnections) socket.destroy();
  await new Promise<void>((resolve) => silent?.close(() => resolve()));
});

describe('services on the lab NAS', () => {
  let services: Service[];
  beforeAll(async () => {
    services = await probe(nas, defaultPorts);
  });

  it('has sshd with an OpenSSH banner', () => {
    expect(byPort(services, labSsh.port)).toMatchObject({
      service: 'ssh',
      banner: expect.stringMatching(/^SSH-2\.0-OpenSSH_/),
    });
  });

  it('has Postgres, MariaDB with its version, and a password-protected Redis', () => {
    expect(byPort(services, labDatabases.postgres.port)).toEqual({ port: 5432, service: 'postgres' });
    expect(byPort(services, labDatabases.mariadb.port)).toEqual({
      port: 3306,
      service: 'mysql',
      banner: expect.stringMatching(/^\d+\.\d+\.\d+-MariaDB/),
    });
    expect(byPort(services, labDatabases.redis.port)).toEqual({ port: 6379, service: 'redis' });
  });

  it('serves its registry over HTTP, which is no exporter', () => {
    const registry = byPort(services, registryPort);
    expect(registry).toMatchObject({ service: 'http', httpStatus: 200 });
    expect(registry?.exporter).toBeUndefined();
  });

  it('finds dockerd on TCP only with TLS (2376), never in the clear (2375)', () => {
    expect(byPort(services, 2376)).toMatchObject({ port: 2376, service: 'docker-tls' });
    expect(byPort(services, 2375)).toBeUndefined();
  });
});

describe('other hosts and ports', () => {
  it('finds no service on the printer, quickly', async () => {
    expect(await probe(printer, defaultPorts)).toEqual([]);
  });

  it('identifies Debian’s node_exporter from its /metrics', async () => {
    const [service] = await probe('127.0.0.1', [nodeExporterPort]);
    expect(service).toMatchObject({
      port: nodeExporterPort,
      service: 'exporter',
      httpStatus: 200,
      httpTitle: 'Node Exporter',
      exporter: { name: 'node_exporter', version: '1.5.0' },
    });
  });

  it('does not take a port that accepts and says nothing for an exporter', async () => {
    expect(await probe('127.0.0.1', [silentPort])).toEqual([{ port: silentPort, service: 'unknown' }]);
  });
});

describe('neighbours and names', () => {
  it('has the NAS’s MAC after a ping, a veth’s with no vendor', async () => {
    await execFileAsync('ping', ['-c', '1', '-W', '2', nas], { timeout: 10_000 });
    const neighbours = await readNeighbours();
    const mac = neighbours.get(nas);
    expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    // The lab's veths get random locally administered MACs: no maker to name.
    expect(isLocallyAdministered(mac ?? '')).toBe(true);
    expect(await macVendor(mac ?? '')).toBeUndefined();
  });

  it('gives no reverse-DNS name, at once, where there is no resolver', async () => {
    expect(
      await reverseLookup(nas, { timeoutMs: 1000, signal: new AbortController().signal }),
    ).toBeUndefined();
  });
});

describe('cancelling a probe', () => {
  it('rejects at once with CANCELLED and leaves no socket open', async () => {
    await vi.waitFor(() => expect(openTcpSockets()).toBe(0));
    const controller = new AbortController();
    const probing = probe('127.0.0.1', [silentPort, nodeExporterPort], controller.signal);
    await vi.waitFor(() => expect(silentConnections.size).toBeGreaterThan(0));
    controller.abort(new PromsteadError('CANCELLED', 'The job was cancelled.'));
    await expect(probing).rejects.toMatchObject({ code: 'CANCELLED' });
    await vi.waitFor(() => {
      expect(silentConnections.size).toBe(0);
      expect(openTcpSockets()).toBe(0);
    });
  });
});
