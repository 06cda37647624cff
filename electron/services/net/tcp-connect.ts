// One TCP connect attempt, classified: open, refused (a host is there and said no),
// timeout, or unreachable. Shared by the liveness sweep and the service probes.
import { Socket } from 'node:net';
import { PromsteadError } from '@shared/contract';
import { parseIPv4, printable } from './ip-address';

export type TcpConnectState = 'open' | 'refused' | 'timeout' | 'unreachable';

export interface TcpConnectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Hand an open socket to the caller (to read a banner, say) instead of closing it.
   * The caller then owns it and must destroy it; a no-op 'error' listener stays on it
   * so a late reset cannot crash the process before the caller adds its own.
   */
  keepOpen?: boolean;
}

export interface TcpConnectResult {
  state: TcpConnectState;
  /** Time from the connect call to the answer (or to giving up). */
  latencyMs: number;
  /** The system's error code for refused and unreachable, e.g. EHOSTUNREACH. */
  errorCode?: string;
  /** Only with keepOpen, and only when open. */
  socket?: Socket;
}

/** Errors about this machine, not the target: reporting them as "unreachable" would lie. */
const localFailures = new Set(['EMFILE', 'ENFILE', 'ENOBUFS', 'ENOMEM']);

function stateOf(code: string | undefined): TcpConnectState {
  // A reset is an answer too: something at that address is alive.
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'unreachable';
}

function validate(address: string, port: number): void {
  // Numeric only: a host name here would mean a DNS lookup nobody validated.
  if ('problem' in parseIPv4(address)) {
    throw new PromsteadError('VALIDATION', `"${printable(address)}" is not an IPv4 address.`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PromsteadError('VALIDATION', `${port} is not a TCP port (1–65535).`);
  }
}

/** Never rejects for the target's sake; rejects on abort (with its reason) and on local failures. */
export function tcpConnect(
  address: string,
  port: number,
  options: TcpConnectOptions,
): Promise<TcpConnectResult> {
  validate(address, port);
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const finish = (state: TcpConnectState, errorCode?: string): void => {
      if (!settle()) return;
      const result: TcpConnectResult = { state, latencyMs: performance.now() - started };
      if (errorCode) result.errorCode = errorCode;
      if (state === 'open' && options.keepOpen) {
        socket.removeAllListeners('connect');
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        result.socket = socket;
      } else {
        socket.destroy();
      }
      resolve(result);
    };
    const onAbort = (): void => {
      if (!settle()) return;
      socket.destroy();
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish('open'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code && localFailures.has(error.code)) {
        if (!settle()) return;
        socket.destroy();
        reject(
          new PromsteadError('INTERNAL', `Cannot open a socket (${error.code}): too many probes at once?`),
        );
        return;
      }
      finish(stateOf(error.code), error.code);
    });
    socket.connect({ host: address, port });
  });
}
