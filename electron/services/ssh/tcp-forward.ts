// TCP through a host's SSH connection: how Promstead reaches an exporter that listens
// only on the host's loopback, or behind a firewall that lets SSH through.
import type { Duplex } from 'node:stream';
import type { SshConnection } from './ssh-connection';
import type { SshHost } from './ssh-host';

/** Opens a TCP stream to the host's own 127.0.0.1:port. */
export type TcpStreamOpener = (port: number, signal?: AbortSignal) => Promise<Duplex>;

/** A TCP stream from the host to its own 127.0.0.1:port. */
export function openTcpThrough(connection: SshConnection, port: number): Promise<Duplex> {
  return connection.openTcp(port);
}

/** Streams to the host's loopback ports over its pooled connection (reopened when dropped). */
export function sshTcpStreams(ssh: SshHost): TcpStreamOpener {
  return async (port, signal) => openTcpThrough(await ssh.connection(signal), port);
}
