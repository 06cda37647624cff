// How a scrape reaches its exporter: straight from this machine (plain TCP or TLS) or
// through the host's SSH connection. An http.Agent whose connections come from here is
// kept per route, so a watch reuses its connection from tick to tick.
import { Agent } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { asSocketLike, type TcpStreamOpener } from '../../ssh';
import { connectionError, type FailureContext } from './scrape-errors';
import { connectTls, type ResolvedTls } from './scrape-tls';

export type ScrapeRoute =
  | { via: 'direct'; url: URL; label: string; tls?: ResolvedTls }
  /** Through SSH to the host's own 127.0.0.1 and the URL's port: plain HTTP only. */
  | { via: 'ssh'; url: URL; label: string; open: TcpStreamOpener };

export interface ConnectionOptions {
  /** Keep the connection open between scrapes (a watch). */
  keepAlive: boolean;
  /** Give up connecting after this long (shorter than the scrape when another route can follow). */
  connectTimeoutMs: number;
}

type ConnectCallback = (error: Error | null, socket?: Duplex) => void;

export function urlPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The URL's host without IPv6 brackets, as net.connect wants it. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export function failureContext(route: ScrapeRoute, authSent: boolean): FailureContext {
  const hostPort =
    route.via === 'ssh' ? `127.0.0.1:${urlPort(route.url)} on the host (through SSH)` : route.url.host;
  return { label: route.label, hostPort, tls: route.url.protocol === 'https:', authSent };
}

export class ScrapeConnection {
  readonly agent: Agent;
  /** Changed per scrape: the time left decides how long a connect may take. */
  connectTimeoutMs: number;

  constructor(
    readonly route: ScrapeRoute,
    options: ConnectionOptions,
  ) {
    this.connectTimeoutMs = options.connectTimeoutMs;
    // One socket: scrapes of one target never overlap, and an exporter serves one at a time anyway.
    this.agent = new Agent({ keepAlive: options.keepAlive, maxSockets: 1 });
    // The callback form: the agent waits for it, so the request is written only to a
    // socket that has connected (and passed the TLS pin).
    Object.assign(this.agent, {
      createConnection: (_options: unknown, callback: ConnectCallback): undefined => {
        this.open().then(
          (socket) => callback(null, socket),
          (error: unknown) => callback(connectionError(error, failureContext(this.route, false)) as Error),
        );
        return undefined;
      },
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private open(): Promise<Duplex> {
    const { route } = this;
    const port = urlPort(route.url);
    if (route.via === 'ssh') return withTimeout(route.open(port), this.connectTimeoutMs, asSocketLike);
    if (route.url.protocol === 'https:')
      return withTimeout(
        connectTls({ host: urlHost(route.url), port, tls: route.tls, label: route.label }),
        this.connectTimeoutMs,
        (socket) => socket,
      );
    const socket = connectTcp({ host: urlHost(route.url), port });
    return withTimeout(
      new Promise<Socket>((resolve, reject) => {
        socket.once('error', reject);
        socket.once('connect', () => {
          socket.removeListener('error', reject);
          resolve(socket);
        });
      }),
      this.connectTimeoutMs,
      (connected) => connected,
      () => socket.destroy(),
    );
  }
}

/**
 * The connection, or ETIMEDOUT once `ms` have passed; a connection that arrives after
 * that is closed, so nothing lingers until the system's own connect timeout.
 */
function withTimeout<T extends Duplex>(
  connecting: Promise<T>,
  ms: number,
  wrap: (value: T) => Duplex,
  onTimeout?: () => void,
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      onTimeout?.();
      reject(Object.assign(new Error(`no connection within ${ms} ms`), { code: 'ETIMEDOUT' }));
    }, ms);
    connecting.then(
      (stream) => {
        clearTimeout(timer);
        if (late) stream.destroy();
        else resolve(wrap(stream));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
