// Test fixtures for the scrape tests: Debian's node_exporter on 127.0.0.1 (plain, or
// HTTPS with basic auth from --web.config.file), certificates made with openssl, and
// the fakes for what a real exporter never does (named as fakes where they are used).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freeLoopbackPort } from '../../exporters/tool-checks';

const execFileAsync = promisify(execFile);

export const nodeExporterBinary = '/usr/bin/prometheus-node-exporter';
/** A few collectors: a small, quick answer that still has counters, gauges and a histogram-free mix. */
export const fewCollectors = [
  '--collector.disable-defaults',
  '--collector.loadavg',
  '--collector.meminfo',
  '--collector.cpu',
];

export const basicUser = 'promstead';
export const basicPassword = 'scrape-test-password';
/** bcrypt of basicPassword at the lowest cost (made once with python3's crypt module). */
const basicPasswordHash = '$2b$04$NgBe0lpMoyHtcyIFq.xtc.FY4JR4qIoePfZ6XEpvAAA3F8ME6RU9y';

export interface RunningExporter {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Resolves once the port accepts connections (or throws with the exporter's stderr). */
async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`node_exporter exited ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`node_exporter did not listen on ${port}: ${stderr()}`);
}

export async function startNodeExporter(extraArgs: readonly string[] = []): Promise<RunningExporter> {
  const port = await freeLoopbackPort();
  const child = spawn(
    nodeExporterBinary,
    [`--web.listen-address=127.0.0.1:${port}`, ...fewCollectors, ...extraArgs],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, child, stop };
}

export interface Certificates {
  directory: string;
  caFile: string;
  /** A CA that signed nothing the exporter presents. */
  otherCaFile: string;
  certFile: string;
  keyFile: string;
  /** SHA-256 of the server certificate (DER), as `AB:CD:…`. */
  fingerprint: string;
  remove(): Promise<void>;
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  await execFileAsync('openssl', [...args], { cwd, timeout: 30_000 });
}

/** A CA, a server certificate it signs for 127.0.0.1 and localhost, and an unrelated CA. */
export async function makeCertificates(): Promise<Certificates> {
  const directory = await mkdtemp(join(tmpdir(), 'promstead-scrape-tls-'));
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const name of ['ca', 'other-ca'])
    await openssl(
      [
        'req',
        '-x509',
        ...key,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-days',
        '2',
        '-subj',
        `/CN=${name}`,
      ],
      directory,
    );
  await openssl(
    ['req', ...key, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=exporter'],
    directory,
  );
  await writeFile(join(directory, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'san.ext',
    ],
    directory,
  );
  const pem = await readFile(join(directory, 'server.crt'), 'utf8');
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const fingerprint =
    createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)?.join(':') ?? '';
  return {
    directory,
    caFile: join(directory, 'ca.crt'),
    otherCaFile: join(directory, 'other-ca.crt'),
    certFile: join(directory, 'server.crt'),
    keyFile: join(directory, 'server.key'),
    fingerprint,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** node_exporter serving HTTPS with basic auth, as its --web.config.file sets up. */
export async function startSecureNodeExporter(certificates: Certificates): Promise<RunningExporter> {
  const config = join(certificates.directory, 'web-config.yml');
  await writeFile(
    config,
    [
      'tls_server_config:',
      `  cert_file: ${certificates.certFile}`,
      `  key_file: ${certificates.keyFile}`,
      'basic_auth_users:',
      `  ${basicUser}: ${basicPasswordHash}`,
      '',
    ].join('\n'),
  );
  return startNodeExporter([`--web.config.file=${config}`]);
}

/** Listens on a free loopback port; close() also ends the connections still open. */
export async function listening(
  server: Server | NetServer,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A fake exporter: a TCP server that accepts and never says a word. */
export function fakeSilentServer(): NetServer {
  return createServer(() => undefined);
}

/** A fake: an HTTP server answering every request with `body` as `contentType`. */
export function fakeHttpServer(
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Server {
  return createHttpServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': contentType, ...headers });
    response.end(body);
  });
}

/** A port on 127.0.0.1 nothing listens on. */
export const closedPort = freeLoopbackPort;
