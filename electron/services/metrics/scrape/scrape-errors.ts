// Turns what can go wrong on the way to an exporter into errors a person can act on:
// each names the address, what happened and what to try next.
import { errorText, PromsteadError } from '@shared/contract';

export interface FailureContext {
  /** What was scraped, e.g. `http://10.0.0.5:9100/metrics (through SSH)`. */
  label: string;
  /** host:port as dialled. */
  hostPort: string;
  tls: boolean;
  /** Whether credentials were sent (a 401 then means they were refused). */
  authSent: boolean;
}

/** Errors raised before any byte of HTTP was exchanged: a fallback route may still work. */
export const connectStage = 'connect';

export function isConnectFailure(error: unknown): boolean {
  return (
    error instanceof PromsteadError &&
    (error.details as { stage?: string } | undefined)?.stage === connectStage
  );
}

const untrustedCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** A failure to open the connection (TCP, or the TLS handshake on it). */
export function connectionError(error: unknown, context: FailureContext): PromsteadError {
  if (error instanceof PromsteadError) return error;
  const code = (error as { code?: string }).code ?? '';
  const text = errorText(error);
  const at = context.hostPort;
  const details = { stage: connectStage, cause: code || text };
  // ssh2's forwardOut says so in words: "(SSH) Channel open failure: Connection refused".
  if (code === 'ECONNREFUSED' || /channel open failure: connection refused/i.test(text))
    return new PromsteadError(
      'CONNECTION_REFUSED',
      `Nothing listens on ${at} (connection refused): is the exporter running, and on this port?`,
      details,
    );
  if (code === 'ETIMEDOUT')
    return new PromsteadError(
      'TIMEOUT',
      `No connection to ${at} in time: a firewall may drop the traffic, the host may be down, or the server does not finish the TLS handshake.`,
      details,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL')
    return new PromsteadError(
      'TRANSPORT',
      `The name in ${at} could not be resolved (${code}): check its spelling or use an address.`,
      details,
    );
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN')
    return new PromsteadError(
      'TRANSPORT',
      `${at} is unreachable from this machine (${code}): is the host up and routed?`,
      details,
    );
  const presented = (error as { fingerprint?: string }).fingerprint;
  if (untrustedCodes.has(code))
    return new PromsteadError(
      'TLS_FAILED',
      `The certificate of ${at} is not signed by a CA this machine trusts (${code}). Give the CA that signed it (a CA file), or pin the certificate's SHA-256 fingerprint${presented ? ` (it presented ${presented}: check it against the exporter's before pinning it)` : ''}.`,
      { ...details, ...(presented ? { presented } : {}) },
    );
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return new PromsteadError(
      'TLS_FAILED',
      `The certificate of ${at} is not valid now (${code}): renew it, or check this machine's clock.`,
      details,
    );
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new PromsteadError(
      'TLS_FAILED',
      `The certificate of ${at} is not issued for that name (${text}). Give the name it is issued for as the server name, or scrape it by that name.`,
      details,
    );
  if (context.tls && (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code === 'ECONNRESET'))
    return new PromsteadError(
      'TLS_FAILED',
      `The TLS handshake with ${at} failed (${code || text}): does it serve HTTPS? If it serves plain HTTP, scrape http:// instead.`,
      details,
    );
  return new PromsteadError('TRANSPORT', `Could not connect to ${at}: ${text}`, details);
}

/** A connection that broke after it was open: mid-request or mid-body. */
export function exchangeError(error: unknown, context: FailureContext): PromsteadError {
  if (error instanceof PromsteadError) return error;
  return new PromsteadError(
    'TRANSPORT',
    `${context.label}: the connection broke before the answer was complete (${errorText(error)}).`,
  );
}

export function timeoutError(context: FailureContext, timeoutMs: number): PromsteadError {
  return new PromsteadError(
    'TIMEOUT',
    `${context.label} did not answer within ${formatSeconds(timeoutMs)}: the exporter may be stuck or slow (raise the timeout), or a firewall drops the traffic.`,
  );
}

/** An answer that is not 2xx. `body` is the start of what it said, for the message. */
export function statusError(
  status: number,
  body: string,
  location: string | undefined,
  context: FailureContext,
): PromsteadError {
  const said = body.trim().replace(/\s+/g, ' ').slice(0, 200);
  const quote = said ? `: "${said}"` : '';
  const where = context.label;
  if (status === 401)
    return new PromsteadError(
      'UNAUTHORIZED',
      context.authSent
        ? `${where} refused the credentials (HTTP 401): check the user name and password or the token.`
        : `${where} wants credentials (HTTP 401): give a basic-auth user and password or a bearer token.`,
      { status },
    );
  if (status === 403)
    return new PromsteadError(
      'FORBIDDEN',
      `${where} answered HTTP 403 Forbidden${quote}: these credentials are not allowed there, or the exporter only answers some addresses.`,
      { status },
    );
  if (status === 404)
    return new PromsteadError(
      'NOT_FOUND',
      `${where} answered HTTP 404: nothing at that path. Exporters usually serve /metrics.`,
      { status },
    );
  if (status >= 300 && status < 400)
    return new PromsteadError(
      'TRANSPORT',
      `${where} redirects (HTTP ${status}) to ${location ?? 'somewhere it does not name'}: scrape that URL instead (redirects are not followed, as Prometheus does not).`,
      { status, location },
    );
  if (status === 400 && /https/i.test(said) && !context.tls)
    return new PromsteadError(
      'TRANSPORT',
      `${where} answered HTTP 400${quote}: it serves HTTPS; scrape https:// instead.`,
      { status },
    );
  return new PromsteadError('TRANSPORT', `${where} answered HTTP ${status}${quote}.`, { status });
}

export function notExpositionError(contentType: string, context: FailureContext): PromsteadError {
  const type = contentType || '(no Content-Type)';
  const hint = /html/i.test(contentType)
    ? ' An HTML page is often a login page or a proxy in front of the exporter.'
    : /json/i.test(contentType)
      ? ' JSON is an API, not an exporter: check the port and path.'
      : '';
  return new PromsteadError(
    'NOT_EXPOSITION',
    `${context.label} answered with Content-Type ${type}, not the Prometheus text format or OpenMetrics.${hint}`,
    { contentType },
  );
}

export function tooLargeError(what: string, limit: number, setting: string, label: string): PromsteadError {
  return new PromsteadError(
    'TOO_LARGE',
    `${label} sent more than ${limit.toLocaleString('en')} ${what}, the limit (${setting} in the settings raises it; drop rules can trim the exporter).`,
    { limit, setting },
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
