// Small servers on 127.0.0.1 that play the devices a probe meets (SSH, MySQL, Postgres,
// Redis, web pages, exporters, silent ports), for the probe tests. Loopback only.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface Running {
  port: number;
  /** Sockets the server has accepted and not yet seen closed. */
  connections: Set<Socket>;
  close(): Promise<void>;
}

async function listen(server: Server | HttpServer): Promise<Running> {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that runs `onConnection` for each client. */
export function tcpServer(onConnection: (socket: Socket) => void): Promise<Running> {
  return listen(createTcpServer(onConnection));
}

/** Accepts and never says a word. It reads (and drops) what arrives, so it sees the client close. */
export function silentServer(): Promise<Running> {
  return tcpServer((socket) => socket.resume());
}

export function httpServer(handler: RequestListener): Promise<Running> {
  return listen(createHttpServer(handler));
}

export async function httpsServer(
  certificate: TestCertificate,
  handler: RequestListener,
  options: { requestCert?: boolean } = {},
): Promise<Running & { serverNames: (string | false)[] }> {
  const server = createHttpsServer(
    {
      key: certificate.key,
      cert: certificate.cert,
      requestCert: options.requestCert ?? false,
      rejectUnauthorized: true,
    },
    handler,
  );
  const serverNames: (string | false)[] = [];
  server.on('secureConnection', (socket: { servername?: string | false }) =>
    serverNames.push(socket.servername ?? false),
  );
  server.on('tlsClientError', () => undefined);
  return { ...(await listen(server)), serverNames };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const running = await silentServer();
  await running.close();
  return running.port;
}

export interface TestCertificate {
  key: string;
  cert: string;
}

/** A throwaway self-signed certificate, as a homelab device would serve. */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const directory = await mkdtemp(join(tmpdir(), 'promstead-probe-cert-'));
  try {
    const keyPath = join(directory, 'key.pem');
    const certPath = join(directory, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-subj',
      '/CN=probe-test',
      '-days',
      '1',
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** How many TCP sockets this process holds open right now (server and client sides). */
export function openTcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TLSWrap')
    .length;
}
