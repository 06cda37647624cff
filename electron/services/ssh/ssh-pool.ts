// One SSH connection per host (host, port, user), shared by concurrent callers, kept
// alive, and opened again on the next use after it dropped.
import { readFile } from 'node:fs/promises';
// ssh2 is CommonJS: its default export works both bundled and under Node's ESM loader.
import ssh2, { type Client } from 'ssh2';
import { PromsteadError } from '@shared/contract';
import type { Logger } from '../log';
import { verdictFor } from './host-key';
import { classifyConnectError, sshFailureOf } from './ssh-errors';
import { openConnection, type ConnectSettings, type SshConnection } from './ssh-connection';
import { SshHost } from './ssh-host';
import type { HostKeyInfo, SshTarget } from './ssh-types';

export interface SshPoolOptions {
  /** TCP connect, handshake and authentication together. Default 15 s. */
  connectTimeoutMs?: number;
  /** SSH keep-alive period. Default 15 s; with keepaliveCountMax 3 a dead peer is noticed in 45 s. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  logger?: Logger;
  /** For tests: the ssh2 client, the key file reader, the agent socket. */
  createClient?: () => Client;
  readFile?: (path: string) => Promise<Buffer>;
  agentSocket?: string;
}

export function poolKey(target: Pick<SshTarget, 'host' | 'port' | 'username'>): string {
  return JSON.stringify([target.host.toLowerCase(), target.port ?? 22, target.username]);
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new PromsteadError('CANCELLED', 'Connecting was cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new PromsteadError('CANCELLED', 'Connecting was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class SshConnectionPool {
  private readonly connections = new Map<string, Promise<SshConnection>>();
  private readonly settings: ConnectSettings;

  constructor(options: SshPoolOptions = {}) {
    this.settings = {
      createClient: options.createClient ?? ((): Client => new ssh2.Client()),
      readFile: options.readFile ?? ((path: string): Promise<Buffer> => readFile(path)),
      agentSocket: options.agentSocket ?? process.env.SSH_AUTH_SOCK,
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      ...(options.logger ? { logger: options.logger } : {}),
    };
  }

  /**
   * The host's open connection, or a new one. Concurrent callers share one attempt;
   * a failed attempt is not kept. A pooled connection serves whatever credentials a
   * caller passes: after credentials change, `close(target)` first. Aborting stops
   * this caller's wait, not the shared attempt (which ends at its connect timeout).
   */
  async acquire(target: SshTarget, signal?: AbortSignal): Promise<SshConnection> {
    const key = poolKey(target);
    // Bounded: a pooled connection found dead is replaced, a few times at most.
    for (let round = 0; round < 3; round++) {
      let pending = this.connections.get(key);
      if (!pending) {
        pending = openConnection(target, this.settings);
        this.connections.set(key, pending);
        const attempt = pending;
        attempt.catch(() => {
          if (this.connections.get(key) === attempt) this.connections.delete(key);
        });
      }
      const connection = await raceAbort(pending, signal);
      if (connection.isOpen) {
        this.checkPin(connection, target);
        return connection;
      }
      if (this.connections.get(key) === pending) this.connections.delete(key);
    }
    throw new PromsteadError(
      'TRANSPORT',
      `The SSH connection to ${target.host} keeps closing as soon as it opens.`,
    );
  }

  /**
   * First contact: the host's key for the user to confirm. No credential is used or
   * sent (the connection stops at the host key check). Connect again with it pinned.
   */
  async fetchHostKey(endpoint: Pick<SshTarget, 'host' | 'port' | 'username'>): Promise<HostKeyInfo> {
    const unpinned: SshTarget = {
      host: endpoint.host,
      ...(endpoint.port === undefined ? {} : { port: endpoint.port }),
      username: endpoint.username,
      auth: { kind: 'password', password: '' },
    };
    try {
      await openConnection(unpinned, this.settings);
    } catch (error) {
      if (sshFailureOf(error) === 'HOST_KEY_UNKNOWN' && error instanceof PromsteadError) {
        const details = error.details as HostKeyInfo;
        return { fingerprint: details.fingerprint, keyType: details.keyType };
      }
      throw error;
    }
    throw new PromsteadError('INTERNAL', 'The SSH connection opened without a host key to confirm.');
  }

  /** A handle on one host whose every call goes through this pool. */
  host(target: SshTarget): SshHost {
    return new SshHost(this, target);
  }

  async close(target: Pick<SshTarget, 'host' | 'port' | 'username'>): Promise<void> {
    const key = poolKey(target);
    const pending = this.connections.get(key);
    this.connections.delete(key);
    const connection = await pending?.catch(() => undefined);
    await connection?.close();
  }

  async closeAll(): Promise<void> {
    const pending = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(pending.map(async (attempt) => (await attempt.catch(() => undefined))?.close()));
  }

  /** A pooled connection checked its key when it opened; this caller's pin must match it too. */
  private checkPin(connection: SshConnection, target: SshTarget): void {
    const verdict = verdictFor(target.hostKeyFingerprint, connection.hostKey.fingerprint);
    if (verdict === 'accepted') return;
    throw classifyConnectError(new Error('host key'), {
      host: connection.target.host,
      port: connection.target.port ?? 22,
      username: connection.target.username,
      hostKey: {
        verdict,
        seen: connection.hostKey,
        ...(target.hostKeyFingerprint ? { pinned: target.hostKeyFingerprint } : {}),
      },
      triedMethods: [],
    });
  }
}
