import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  httpServer,
  httpsServer,
  selfSignedCertificate,
  silentServer,
  tcpServer,
  type Running,
  type TestCertificate,
} from './loopback-servers.fixture';
import { probePort, type PortProbeTarget } from './port-probe';
import { ProbeScope } from './probe-scope';

const nodeExporterMetrics = [
  '# HELP node_exporter_build_info A metric with a constant 1 value.',
  '# TYPE node_exporter_build_info gauge',
  'node_exporter_build_info{branch="debian/sid",revision="1.5.0-1+b6",version="1.5.0"} 1',
  '',
].join('\n');

const running: Running[] = [];
async function started<T extends Running>(server: Promise<T>): Promise<T> {
  const value = await server;
  running.push(value);
  return value;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const controller = new AbortController();
const target: PortProbeTarget = {
  scope: new ProbeScope(controller.signal),
  address: '127.0.0.1',
  timings: { connectTimeoutMs: 1000, readTimeoutMs: 1000 },
};

describe('probePort on server-first and request-reply protocols', () => {
  it('reads an SSH banner, on port 22 and on a port outside the table', async () => {
    const ssh = await started(
      tcpServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')),
    );
    const expected = { port: ssh.port, service: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' };
    expect(await probePort(target, ssh.port, 'ssh')).toEqual(expected);
    expect(await probePort(target, ssh.port, undefined)).toEqual(expected);
  });

  it('reads a MySQL greeting', async () => {
    const payload = Buffer.concat([
      Buffer.from([0x0a]),
      Buffer.from('5.5.5-10.11.18-MariaDB-0+deb12u1\0', 'latin1'),
      Buffer.alloc(60, 7),
    ]);
    const header = Buffer.alloc(4);
    header.writeUIntLE(payload.length, 0, 3);
    // Sent in two pieces: the probe must wait for the whole packet.
    const mysql = await started(
      tcpServer((socket) => {
        socket.write(Buffer.concat([header, payload.subarray(0, 10)]));
        setTimeout(() => socket.write(payload.subarray(10)), 20);
      }),
    );
    expect(await probePort(target, mysql.port, 'mysql')).toEqual({
      port: mysql.port,
      service: 'mysql',
      banner: '10.11.18-MariaDB-0+deb12u1',
    });
  });

  it('asks Postgres for TLS and Redis for a PONG', async () => {
    const postgres = await started(tcpServer((socket) => socket.once('data', () => socket.write('N'))));
    const redis = await started(
      tcpServer((socket) => socket.once('data', () => socket.write('-NOAUTH Authentication required.\r\n'))),
    );
    expect(await probePort(target, postgres.port, 'postgres')).toEqual({
      port: postgres.port,
      service: 'postgres',
    });
    expect(await probePort(target, redis.port, 'redis')).toEqual({ port: redis.port, service: 'redis' });
  });

  it('calls a port that answers something else unknown, and a closed port nothing', async () => {
    const chatty = await started(tcpServer((socket) => socket.write('220 mail.example ESMTP\r\n')));
    expect(await probePort(target, chatty.port, 'ssh')).toEqual({ port: chatty.port, service: 'unknown' });
    expect(await probePort(target, chatty.port, 'redis')).toEqual({ port: chatty.port, service: 'unknown' });
    expect(await probePort(target, chatty.port, undefined)).toEqual({
      port: chatty.port,
      service: 'unknown',
    });
    expect(await probePort(target, await closedPort(), 'ssh')).toBeUndefined();
  });

  it('takes an open MongoDB port at its word', async () => {
    const mongo = await started(silentServer());
    expect(await probePort(target, mongo.port, 'mongodb')).toEqual({ port: mongo.port, service: 'mongodb' });
  });
});

describe('probePort on web ports', () => {
  it('reads status, Server and title, and names the exporter behind /metrics', async () => {
    const exporter = await started(
      httpServer((request, response) => {
        response.setHeader('Server', 'Go-http\texporter');
        if (request.url === '/metrics') return response.end(nodeExporterMetrics);
        response.setHeader('Content-Type', 'text/html');
        response.end('<html><head><title>Node Exporter</title></head></html>');
      }),
    );
    const expected = {
      port: exporter.port,
      service: 'exporter',
      httpStatus: 200,
      httpServer: 'Go-http exporter',
      httpTitle: 'Node Exporter',
      exporter: { name: 'node_exporter', version: '1.5.0' },
    };
    expect(await probePort(target, exporter.port, 'exporter')).toEqual(expected);
    expect(await probePort(target, exporter.port, 'http')).toEqual(expected);
    expect(await probePort(target, exporter.port, undefined)).toEqual(expected);
  });

  it('does not take a web server without recognisable metrics for an exporter', async () => {
    const registry = await started(
      httpServer((request, response) => {
        if (request.url === '/metrics') {
          response.statusCode = 404;
          return response.end('404 page not found\n');
        }
        response.end();
      }),
    );
    const lookalike = await started(
      httpServer((_request, response) => response.end('<p>node_exporter_build_info{version="1"} 1</p>')),
    );
    expect(await probePort(target, registry.port, 'exporter')).toEqual({
      port: registry.port,
      service: 'http',
      httpStatus: 200,
    });
    expect((await probePort(target, lookalike.port, 'exporter'))?.service).toBe('http');
  });

  it('does not take a silent port for an exporter, and gives up within its timeouts', async () => {
    const silent = await started(silentServer());
    expect(await probePort(target, silent.port, 'exporter')).toEqual({
      port: silent.port,
      service: 'unknown',
    });
    // One read timeout (1 s) for HTTP; silence there means no TLS either, so no second wait.
  });

  it('cuts a slow drip at the deadline and a huge body at the byte limit', async () => {
    const drip = await started(
      httpServer((_request, response) => {
        response.write('<html><head><title>slow</title>');
        const timer = setInterval(() => response.write(' '), 50);
        response.once('close', () => clearInterval(timer));
      }),
    );
    const huge = await started(
      httpServer((_request, response) => {
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = (): void => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        response.write('<title>huge</title>');
        pump();
      }),
    );
    expect((await probePort(target, drip.port, 'http'))?.httpTitle).toBe('slow');
    expect((await probePort(target, huge.port, 'http'))?.httpTitle).toBe('huge');
  });

  it('names a Docker Engine by GET /version', async () => {
    const docker = await started(
      httpServer((request, response) => {
        if (request.url === '/version') return response.end('{"Version":"24.0.5","ApiVersion":"1.43"}');
        response.statusCode = 404;
        response.end('{"message":"page not found"}');
      }),
    );
    expect(await probePort(target, docker.port, 'docker')).toEqual({
      port: docker.port,
      service: 'docker',
      banner: 'Docker 24.0.5',
    });
  });
});

describe('probePort over TLS', () => {
  let certificate: TestCertificate;
  beforeAll(async () => {
    certificate = await selfSignedCertificate();
  });

  it('reads a self-signed HTTPS page without sending SNI for an address', async () => {
    const dsm = await started(
      httpsServer(certificate, (_request, response) => response.end('<title>Synology DiskStation</title>')),
    );
    expect(await probePort(target, dsm.port, 'https')).toMatchObject({
      port: dsm.port,
      service: 'https',
      httpStatus: 200,
      httpTitle: 'Synology DiskStation',
    });
    expect(dsm.serverNames.length).toBeGreaterThan(0);
    expect(dsm.serverNames.every((name) => name === false)).toBe(true);
  });

  it('falls back to HTTPS on an http port and to HTTP on an https port', async () => {
    const tlsOn8080 = await started(
      httpsServer(certificate, (_request, response) => response.end('<title>t</title>')),
    );
    const plainOn8443 = await started(httpServer((_request, response) => response.end('<title>p</title>')));
    expect((await probePort(target, tlsOn8080.port, 'http'))?.service).toBe('https');
    expect((await probePort(target, plainOn8443.port, 'https'))?.service).toBe('http');
  });

  it('sees Docker’s TLS port by its handshake, even when it wants a client certificate', async () => {
    const dockerTls = await started(
      httpsServer(certificate, (_request, response) => response.end(), { requestCert: true }),
    );
    const plain = await started(silentServer());
    expect(await probePort(target, dockerTls.port, 'docker-tls')).toEqual({
      port: dockerTls.port,
      service: 'docker-tls',
    });
    expect(await probePort(target, plain.port, 'docker-tls')).toEqual({
      port: plain.port,
      service: 'unknown',
    });
  });
});

afterAll(() => {
  target.scope.dispose();
});
