// TLS for a scrape: the CA a person names (read carefully: see bounded-file), or one
// pinned certificate trusted whoever signed it, and the name to check. The pin is
// checked before the socket is handed to HTTP, so no request (and no credential) is
// ever sent to a server that is not the pinned one.
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { PromsteadError, type ScrapeTls } from '@shared/contract';
import { readBoundedRegularFile } from './bounded-file';

/** A CA bundle is a few kilobytes; anything near this is not one. */
export const maxCaFileBytes = 1024 * 1024;

export interface ResolvedTls {
  ca?: Buffer;
  /** Where `ca` came from, for messages. */
  caFile?: string;
  /** SHA-256 of the certificate, as Node writes it: upper-case hex pairs joined by colons. */
  fingerprint?: string;
  serverName?: string;
}

/** `sha256:ab:cd…`, `ABCD…` and `ab:cd…` all become `AB:CD:…`. */
export function normalizeFingerprint(fingerprint: string): string {
  const hex = fingerprint
    .replace(/^sha256:/i, '')
    .replaceAll(':', '')
    .toUpperCase();
  return hex.match(/../g)?.join(':') ?? hex;
}

export async function resolveTls(tls: ScrapeTls | undefined): Promise<ResolvedTls | undefined> {
  if (!tls) return undefined;
  return {
    ...(tls.caFile
      ? { ca: await readBoundedRegularFile(tls.caFile, maxCaFileBytes, 'CA file'), caFile: tls.caFile }
      : {}),
    ...(tls.fingerprint ? { fingerprint: normalizeFingerprint(tls.fingerprint) } : {}),
    ...(tls.serverName ? { serverName: tls.serverName } : {}),
  };
}

export interface TlsConnectOptions {
  host: string;
  port: number;
  tls: ResolvedTls | undefined;
  /** Shown in a fingerprint mismatch. */
  label: string;
}

/** Why a certificate was not trusted, with what it was: the fingerprint a person may check and pin. */
export class UntrustedCertificateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fingerprint: string,
  ) {
    super(message);
    this.name = 'UntrustedCertificateError';
  }
}

/**
 * A TLS socket that has passed the handshake and either the chain and name checks or,
 * when pinned, the fingerprint check. Node is told not to reject by itself so the
 * refused certificate's fingerprint can be shown; nothing is written to the socket
 * before the checks here have passed.
 */
export function connectTls(options: TlsConnectOptions): Promise<TLSSocket> {
  const { host, port, tls } = options;
  const serverName = tls?.serverName ?? (isIP(host) ? undefined : host);
  const pinned = tls?.fingerprint;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ...(serverName ? { servername: serverName } : {}),
      ...(tls?.ca ? { ca: tls.ca } : {}),
      rejectUnauthorized: false,
      // A pin replaces the chain and name checks: exactly that certificate is trusted.
      ...(pinned ? { checkServerIdentity: () => undefined } : {}),
    });
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.removeListener('error', reject);
      const presented = socket.getPeerCertificate().fingerprint256 ?? '';
      if (pinned && presented !== pinned) {
        socket.destroy();
        reject(
          new PromsteadError(
            'TLS_FAILED',
            `${options.label} presented a certificate with SHA-256 fingerprint ${presented || '(none)'}, not the pinned ${pinned}. If the exporter's certificate was renewed on purpose, pin the new fingerprint; otherwise something else answers at this address.`,
            { presented, pinned },
          ),
        );
        return;
      }
      if (!pinned && !socket.authorized) {
        socket.destroy();
        const code = String(socket.authorizationError ?? 'CERT_UNTRUSTED');
        const what = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `not issued for ${serverName ?? host}` : code;
        reject(new UntrustedCertificateError(code, what, presented));
        return;
      }
      resolve(socket);
    });
  });
}
