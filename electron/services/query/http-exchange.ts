// One HTTP exchange with a Prometheus server over Node's http/https: the wait and the
// answer's size are bounded, and each way it can fail becomes a code a person can act on.
// A stream already connected (forwarded over SSH) can carry it instead of a new socket.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type ErrorCode, errorText, PromsteadError } from '@shared/contract';
import { asSocketLike } from '../ssh';

/** The TLS options an https exchange accepts: where a CA file or a pinned certificate plugs in. */
export type ExchangeTls = Pick<
  HttpsRequestOptions,
  'ca' | 'servername' | 'checkServerIdentity' | 'rejectUnauthorized'
>;

export interface ExchangeRequest {
  /** The whole URL, path and query string included. */
  url: URL;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  form?: URLSearchParams;
  /** For the whole exchange, answer included. */
  timeoutMs: number;
  /** For the connection alone, so an unreachable address fails fast while a slow query may run. */
  connectTimeoutMs: number;
  maxBytes: number;
  /** How messages name the server, e.g. `Prometheus at http://nas:9090`. */
  serverName: string;
  /** A stream already connected to the server (plain HTTP only). */
  stream?: Duplex;
  tls?: ExchangeTls;
}

export interface ExchangeAnswer {
  status: number;
  contentType: string;
  body: string;
}

const tlsCodes =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** A failure before the server was reached: another route (SSH) may still reach it. */
export function isUnreached(error: unknown): boolean {
  return error instanceof PromsteadError && (error.details as { connected?: boolean })?.connected === false;
}

function failure(error: unknown, request: ExchangeRequest, connected: boolean): PromsteadError {
  if (error instanceof PromsteadError) return error;
  const code = (error as { code?: unknown }).code;
  const name = request.serverName;
  const details = { connected };
  const fail = (errorCode: ErrorCode, message: string): PromsteadError =>
    new PromsteadError(errorCode, message, details);
  if (code === 'ECONNREFUSED')
    return fail('CONNECTION_REFUSED', `${name} refused the connection: is Prometheus running on that port?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return fail('TRANSPORT', `${name}: the name ${request.url.hostname} does not resolve.`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return fail('TRANSPORT', `${name} is unreachable from this machine (${String(code)}).`);
  if (typeof code === 'string' && tlsCodes.test(code))
    return fail('TLS_FAILED', `${name}: the TLS handshake failed (${errorText(error)}).`);
  return fail('TRANSPORT', `${name}: ${errorText(error)}`);
}

function readAnswer(
  response: IncomingMessage,
  request: ExchangeRequest,
  resolve: (answer: ExchangeAnswer) => void,
  reject: (error: PromsteadError) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > request.maxBytes) {
      const mib = Math.round(request.maxBytes / 1024 / 1024);
      reject(
        new PromsteadError(
          'TOO_LARGE',
          `${request.serverName} sent more than ${mib} MiB: narrow the query (fewer series, a larger step or a shorter range).`,
        ),
      );
      response.destroy();
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () =>
    resolve({
      status: response.statusCode ?? 0,
      contentType: String(response.headers['content-type'] ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
    }),
  );
  response.on('error', (error) => reject(failure(error, request, true)));
}

/** Sends one request and reads the whole answer, whatever its status. */
export function exchange(request: ExchangeRequest): Promise<ExchangeAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let connected = request.stream !== undefined;
    let req: ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      outcome();
    };
    const fail = (error: PromsteadError): void => settle(() => reject(error));
    const timeOut = (message: string): void => {
      fail(new PromsteadError('TIMEOUT', message, { connected }));
      req?.destroy();
    };
    const body = request.form?.toString();
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...request.headers,
      ...(body !== undefined
        ? {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(Buffer.byteLength(body)),
          }
        : {}),
    };
    const https = request.url.protocol === 'https:';
    const options = {
      method: request.method,
      headers,
      ...(request.stream
        ? // No agent: with one (even `agent: false`) Node ignores createConnection and dials itself.
          { createConnection: () => asSocketLike(request.stream as Duplex) as unknown as Socket }
        : {}),
      ...(https ? request.tls : {}),
    };
    try {
      req = (https && !request.stream ? httpsRequest : httpRequest)(request.url, options, (response) =>
        readAnswer(response, request, (answer) => settle(() => resolve(answer)), fail),
      );
    } catch (error) {
      fail(failure(error, request, false));
      return;
    }
    const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
    timers.push(
      setTimeout(
        () => timeOut(`${request.serverName} did not answer within ${seconds(request.timeoutMs)}.`),
        request.timeoutMs,
      ),
    );
    if (!connected) {
      timers.push(
        setTimeout(() => {
          if (!connected)
            timeOut(
              `${request.serverName} did not accept a connection within ${seconds(request.connectTimeoutMs)}.`,
            );
        }, request.connectTimeoutMs),
      );
      // A kept-alive socket the agent hands back is already connected.
      req.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else
          socket.once('connect', () => {
            connected = true;
          });
      });
    }
    req.on('error', (error) => {
      fail(failure(error, request, connected));
    });
    req.end(body);
  });
}
