// One live, authenticated SSH connection (an ssh2 Client) and how to open one: host
// key checked before any credential is sent, auth methods recorded, a connect timeout.
import type { Duplex } from 'node:stream';
import type { Client, SFTPWrapper } from 'ssh2';
import { PromsteadError } from '@shared/contract';
import type { Logger } from '../log';
import { authMethodsFor, trackAuth, type AuthDependencies } from './auth-methods';
import { HostKeyVerifier } from './host-key';
import { runRemote } from './remote-exec';
import { classifyConnectError, sshError } from './ssh-errors';
import type { ExecOptions, ExecResult, HostKeyInfo, SshTarget } from './ssh-types';

export interface ConnectSettings extends AuthDependencies {
  createClient: () => Client;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  logger?: Logger;
}

let nextConnectionId = 1;

export class SshConnection {
  /** Distinct per connection opened: tells a reused connection from a new one. */
  readonly id = nextConnectionId++;
  private open = true;
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private readonly closed: Promise<void>;

  constructor(
    private readonly client: Client,
    readonly target: Readonly<Pick<SshTarget, 'host' | 'port' | 'username'>>,
    readonly hostKey: HostKeyInfo,
    private readonly logger?: Logger,
  ) {
    this.closed = new Promise((resolve) => {
      client.once('close', () => {
        this.open = false;
        this.logger?.log('info', 'ssh: connection closed', {
          host: target.host,
          user: target.username,
          id: this.id,
        });
        resolve();
      });
    });
    // After ready, errors (keep-alive timeout, reset) end the connection; the next use reconnects.
    client.on('error', (error: Error) => {
      this.open = false;
      this.logger?.log('warn', 'ssh: connection error', {
        host: target.host,
        id: this.id,
        error: error.message,
      });
    });
    client.on('end', () => {
      this.open = false;
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Resolves once the connection has closed, whoever closed it. */
  whenClosed(): Promise<void> {
    return this.closed;
  }

  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    this.checkOpen();
    return runRemote(this.client, argv, options);
  }

  /** One SFTP session per connection, opened on first use. */
  sftp(): Promise<SFTPWrapper> {
    this.checkOpen();
    this.sftpSession ??= new Promise<SFTPWrapper>((resolve, reject) => {
      this.client.sftp((error, sftp) => {
        if (error) {
          this.sftpSession = undefined;
          return reject(
            new PromsteadError('TRANSPORT', `The host refused an SFTP session: ${error.message}.`),
          );
        }
        sftp.once('close', () => (this.sftpSession = undefined));
        resolve(sftp);
      });
    });
    return this.sftpSession;
  }

  /** A stream to a Unix socket on the host (sshd opens it as this user). */
  openUnixSocket(socketPath: string): Promise<Duplex> {
    this.checkOpen();
    return new Promise((resolve, reject) => {
      this.client.openssh_forwardOutStreamLocal(socketPath, (error, stream) =>
        error ? reject(error) : resolve(stream),
      );
    });
  }

  /** A TCP stream from the host to an address it reaches (its own 127.0.0.1 by default). */
  openTcp(port: number, address = '127.0.0.1'): Promise<Duplex> {
    this.checkOpen();
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, address, port, (error, stream) =>
        error ? reject(error) : resolve(stream),
      );
    });
  }

  async close(): Promise<void> {
    if (this.open) this.client.end();
    this.open = false;
    await this.closed;
  }

  private checkOpen(): void {
    if (!this.open)
      throw sshError('SSH_UNREACHABLE', `The SSH connection to ${this.target.host} is closed.`, {
        cause: 'closed',
      });
  }
}

/** Connects, checks the host key against the pin, authenticates; one attempt. */
export async function openConnection(target: SshTarget, settings: ConnectSettings): Promise<SshConnection> {
  const port = target.port ?? 22;
  const methods = await authMethodsFor(target.auth, target.username, settings);
  const auth = trackAuth(methods, target.username);
  const verifier = new HostKeyVerifier(target.hostKeyFingerprint);
  const client = settings.createClient();

  return new Promise<SshConnection>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeListener('ready', onReady);
      client.end();
      const failure = classifyConnectError(error, {
        host: target.host,
        port,
        username: target.username,
        hostKey: verifier.result,
        triedMethods: auth.tried,
        serverMethods: auth.serverMethods(),
      });
      settings.logger?.log('warn', 'ssh: connect failed', {
        host: target.host,
        port,
        user: target.username,
        code: failure.code,
      });
      reject(failure);
    };
    const onReady = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeListener('error', fail);
      const seen = verifier.result?.seen;
      if (!seen) {
        client.end();
        return reject(new PromsteadError('INTERNAL', 'The SSH connection opened without a host key check.'));
      }
      const connection = new SshConnection(
        client,
        { host: target.host, port, username: target.username },
        seen,
        settings.logger,
      );
      settings.logger?.log('info', 'ssh: connected', {
        host: target.host,
        port,
        user: target.username,
        id: connection.id,
      });
      resolve(connection);
    };
    // ssh2's readyTimeout covers the TCP connect and the handshake; this covers a
    // name lookup that never returns.
    const timer = setTimeout(
      () => fail(Object.assign(new Error('connect timeout'), { level: 'client-timeout' })),
      settings.connectTimeoutMs + 1000,
    );
    client.once('ready', onReady);
    // Kept until ready: ssh2 can emit more than one error while failing.
    client.on('error', fail);
    client.once('close', () => fail(new Error('The server closed the connection before it was ready.')));
    try {
      client.connect({
        host: target.host,
        port,
        username: target.username,
        hostVerifier: (key: Buffer) => verifier.verify(key),
        authHandler: auth.handler,
        readyTimeout: settings.connectTimeoutMs,
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: settings.keepaliveCountMax,
      });
    } catch (error) {
      fail(error);
    }
  });
}
