// Whether a port speaks TLS, by handshaking on an open socket and nothing more: the
// Docker TLS port wants a client certificate we do not have, and need not send.
import type { Socket } from 'node:net';
import { connect } from 'node:tls';
import type { ProbeScope } from './probe-scope';
import { tlsOptionsForProbing } from './tls-options';

/**
 * True when the peer completed a handshake, or refused it with a TLS alert: either way
 * it speaks TLS. A plain-TCP peer ends in a record-format error, a reset or silence.
 */
export function speaksTls(
  scope: ProbeScope,
  socket: Socket,
  host: string,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const tlsSocket = scope.track(connect({ socket, ...tlsOptionsForProbing(host) }));
    let settled = false;
    const settle = (result: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tlsSocket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => settle(false), timeoutMs);
    tlsSocket.once('secureConnect', () => settle(true));
    tlsSocket.on('error', (error: NodeJS.ErrnoException) => settle(isTlsAlert(error)));
    tlsSocket.once('close', () => settle(false));
  });
}

/** OpenSSL names a received alert, e.g. ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED. */
function isTlsAlert(error: NodeJS.ErrnoException): boolean {
  return typeof error.code === 'string' && /^ERR_SSL_.*ALERT/.test(error.code);
}
