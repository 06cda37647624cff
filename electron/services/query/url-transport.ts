// How the query.* calls reach a Prometheus server given by URL: plain http, or https with
// the system's CAs, with basic or bearer credentials read from the SecretStore. Paths are
// joined under the URL's own path, so a server behind a route prefix (`/prometheus`) works.
import { type PrometheusServer, PromsteadError } from '@shared/contract';
import { connectTls, resolveTls, UntrustedCertificateError, urlHost, urlPort } from '../metrics';
import type { PrometheusHttp } from '../prometheus';
import type { SecretStore } from '../store';
import { exchange, type ExchangeTls } from './http-exchange';
import type { PrometheusEndpoint } from './query-client';

export interface TransportLimits {
  /** For a whole exchange: PromQL over a long range can take a while. */
  timeoutMs: number;
  /** For the connection alone: an unreachable address fails fast (and SSH is tried). */
  connectTimeoutMs: number;
  /** The largest answer read; more is refused as TOO_LARGE. */
  maxBytes: number;
}

export const defaultTransportLimits: TransportLimits = {
  timeoutMs: 60_000,
  connectTimeoutMs: 5_000,
  maxBytes: 64 * 1024 * 1024,
};

export type UrlServer = Extract<PrometheusServer, { kind: 'url' }>;

/**
 * Opens the transport for a Prometheus server given by URL. This is the seam where TLS
 * options plug in: the metrics scrape client (issue #12, electron/services/metrics/) trusts
 * a CA file or a pinned certificate fingerprint, and a factory built on it replaces the
 * default one, which speaks plain http and https with the system's CAs.
 */
export type UrlTransportFactory = (server: UrlServer, limits: TransportLimits) => Promise<PrometheusEndpoint>;

/** The URL as messages show it (the schema already keeps credentials out of it). */
export function describeUrl(url: URL): string {
  return `Prometheus at ${url.origin}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
}

/** A transport for everything under `base`, with these headers and TLS options on each request. */
export function urlHttp(
  base: URL,
  name: string,
  limits: TransportLimits,
  options: { headers?: Record<string, string>; tls?: ExchangeTls } = {},
): PrometheusHttp {
  const prefix = base.pathname.replace(/\/+$/, '');
  return async (method, path, form) => {
    const answer = await exchange({
      url: new URL(`${base.origin}${prefix}${path}`),
      method,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(form ? { form } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      serverName: name,
      ...limits,
    });
    return { status: answer.status, body: answer.body };
  };
}

/** The Authorization header of the server's credentials, read from the SecretStore. */
export async function authorizationHeader(
  auth: UrlServer['auth'],
  secrets: Pick<SecretStore, 'get'>,
): Promise<Record<string, string>> {
  if (!auth) return {};
  if (auth.kind === 'bearer') return { authorization: `Bearer ${await secrets.get(auth.tokenSecretId)}` };
  const password = await secrets.get(auth.passwordSecretId);
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}` };
}

/**
 * Plain http, https with the system's CAs, or https with the server's TLS options: a CA
 * file or a pinned certificate, checked by the scrape client's TLS connector before any
 * request (and credential) is written; HTTP then runs over that checked socket.
 */
export function urlTransport(secrets: Pick<SecretStore, 'get'>): UrlTransportFactory {
  return async (server, limits) => {
    const base = new URL(server.url);
    const name = describeUrl(base);
    const headers = await authorizationHeader(server.auth, secrets);
    if (!server.tls) return { name, http: urlHttp(base, name, limits, { headers }) };
    if (base.protocol !== 'https:') {
      throw new PromsteadError(
        'VALIDATION',
        `${name}: a CA file, a pinned fingerprint or a server name applies to https:// URLs only.`,
      );
    }
    const tls = await resolveTls(server.tls);
    const prefix = base.pathname.replace(/\/+$/, '');
    const http: PrometheusHttp = async (method, path, form) => {
      const socket = await connectTls({ host: urlHost(base), port: urlPort(base), tls, label: name }).catch(
        (error: unknown) => {
          if (!(error instanceof UntrustedCertificateError)) throw error;
          throw new PromsteadError(
            'TLS_FAILED',
            `${name}: its certificate is not trusted (${error.message}); it presented SHA-256 fingerprint ${error.fingerprint}. Give the CA file that signed it, or pin that fingerprint if you trust it.`,
            { connected: false, presented: error.fingerprint },
          );
        },
      );
      // The socket is already TLS: HTTP runs over it as over any connected stream.
      const answer = await exchange({
        url: new URL(`http://${base.host}${prefix}${path}`),
        method,
        headers,
        ...(form ? { form } : {}),
        stream: socket,
        serverName: name,
        ...limits,
      }).finally(() => socket.destroy());
      return { status: answer.status, body: answer.body };
    };
    return { name, http };
  };
}
