// Opening a TCP connection and reading a bounded greeting from it. Neither ever
// throws: a refused, silent or reset port is simply "nothing", which the caller expects.
import { connect, type Socket } from 'node:net';
import type { ProbeScope } from './probe-scope';

export function openSocket(
  scope: ProbeScope,
  address: string,
  port: number,
  timeoutMs: number,
): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    if (scope.aborted) return resolve(undefined);
    const socket = scope.track(connect({ host: address, port }));
    // Errors reach the readers as 'close'; without a listener an 'error' would crash the process.
    socket.on('error', () => undefined);
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(undefined);
    };
    socket.once('close', onClose);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('close', onClose);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

export interface ReadOptions {
  timeoutMs: number;
  maxBytes: number;
  /** True once enough has arrived; reading stops there. */
  complete: (received: Buffer) => boolean;
}

/** Collects what the peer sends until complete, the limit, the timeout or the close. */
export function readFromSocket(socket: Socket, options: ReadOptions): Promise<Buffer> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', finish);
      socket.pause();
      resolve(received);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]).subarray(0, options.maxBytes);
      if (received.length >= options.maxBytes || options.complete(received)) finish();
    };
    const timer = setTimeout(finish, options.timeoutMs);
    if (socket.destroyed) return finish();
    socket.on('data', onData);
    socket.once('close', finish);
    socket.resume();
  });
}
