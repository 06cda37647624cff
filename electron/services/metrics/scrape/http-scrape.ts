// One scrape over HTTP(S): GET with Prometheus's Accept header and gzip, the body
// decompressed and streamed chunk by chunk into a sink (the exposition parser), bounded
// in bytes after decompression (so a gzip bomb stops at the limit) and in time.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { PromsteadError } from '@shared/contract';
import { failureContext, urlPort, type ScrapeConnection } from './scrape-connection';
import {
  exchangeError,
  statusError,
  timeoutError,
  tooLargeError,
  type FailureContext,
} from './scrape-errors';

/**
 * What Prometheus sends for the text formats: OpenMetrics preferred, then the text
 * format 0.0.4. (A local copy: the exposition parser does not export one.)
 */
export const prometheusAcceptHeader =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** Credentials as sent: resolved from the SecretStore, or given to the CLI in its environment. */
export type ResolvedScrapeAuth =
  { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface HttpScrapeRequest {
  auth?: ResolvedScrapeAuth;
  /** The whole scrape: connecting, the answer and its body. */
  timeoutMs: number;
  /** Body bytes after decompression. */
  maxBytes: number;
  signal?: AbortSignal;
  /** `identity` asks for an uncompressed body. Default gzip, as Prometheus asks. */
  acceptEncoding?: 'gzip' | 'identity';
}

export interface ResponseHead {
  status: number;
  contentType: string;
  contentEncoding: string;
}

/** Where the body goes, chunk by chunk; `end` gives the scrape's value. */
export interface BodySink<T> {
  push(chunk: Uint8Array): void;
  end(): T;
}

export interface HttpScrapeOutcome<T> {
  value: T;
  head: ResponseHead;
  /** After decompression. */
  bytes: number;
  /** As they came over the wire. */
  wireBytes: number;
  durationMs: number;
}

/** The start of an error answer quoted in its message. */
const quotedBodyBytes = 2048;

export function authorizationHeader(auth: ResolvedScrapeAuth): string {
  return auth.kind === 'basic'
    ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`
    : `Bearer ${auth.token}`;
}

export function httpScrape<T>(
  connection: ScrapeConnection,
  request: HttpScrapeRequest,
  openSink: (head: ResponseHead, context: FailureContext) => BodySink<T>,
): Promise<HttpScrapeOutcome<T>> {
  const { route } = connection;
  const context = failureContext(route, request.auth !== undefined);
  const started = performance.now();
  if (request.signal?.aborted)
    return Promise.reject(new PromsteadError('CANCELLED', `The scrape of ${route.label} was cancelled.`));
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(timeoutError(context, request.timeoutMs)), request.timeoutMs);
    const onAbort = (): void =>
      fail(new PromsteadError('CANCELLED', `The scrape of ${route.label} was cancelled.`));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      finish();
      // The socket goes with the request: it may hold half a body.
      req.destroy();
      reject(exchangeError(error, context));
    };
    const headers: Record<string, string> = {
      Host: route.url.host,
      Accept: prometheusAcceptHeader,
      'Accept-Encoding': request.acceptEncoding ?? 'gzip',
      'User-Agent': 'Promstead',
      'X-Prometheus-Scrape-Timeout-Seconds': String(request.timeoutMs / 1000),
    };
    if (request.auth) headers.Authorization = authorizationHeader(request.auth);
    const req = httpRequest({
      agent: connection.agent,
      host: route.url.hostname,
      port: urlPort(route.url),
      path: `${route.url.pathname}${route.url.search}`,
      method: 'GET',
      headers,
    });
    req.on('error', fail);
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const head: ResponseHead = {
        status,
        contentType: response.headers['content-type'] ?? '',
        contentEncoding: (response.headers['content-encoding'] ?? 'identity').toLowerCase(),
      };
      if (status < 200 || status > 299) {
        // A compressed error page is not quoted: its status says enough.
        const quotable = head.contentEncoding === 'identity';
        readStart(response, (body) =>
          fail(statusError(status, quotable ? body : '', response.headers.location, context)),
        );
        return;
      }
      let sink: BodySink<T>;
      try {
        sink = openSink(head, context);
      } catch (error) {
        fail(error);
        return;
      }
      let wireBytes = 0;
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Error('the exporter closed the connection mid-body'));
      });
      const body = bodyOf(response, head.contentEncoding, fail);
      if (!body) {
        fail(
          new PromsteadError(
            'TRANSPORT',
            `${route.label} answered with Content-Encoding ${head.contentEncoding}, which Promstead did not ask for (only gzip).`,
          ),
        );
        return;
      }
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        bytes += chunk.length;
        if (bytes > request.maxBytes) {
          fail(tooLargeError('bytes', request.maxBytes, 'metrics.maxScrapeBytes', route.label));
          return;
        }
        try {
          sink.push(chunk);
        } catch (error) {
          fail(error);
        }
      });
      body.on('end', () => {
        if (settled) return;
        let value: T;
        try {
          value = sink.end();
        } catch (error) {
          fail(error);
          return;
        }
        finish();
        resolve({ value, head, bytes, wireBytes, durationMs: performance.now() - started });
      });
    });
    req.end();
  });
}

/** The body decompressed; undefined for an encoding that was not asked for. */
function bodyOf(
  response: IncomingMessage,
  encoding: string,
  fail: (error: unknown) => void,
): NodeJS.ReadableStream | undefined {
  if (encoding === 'identity' || encoding === '') return response;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') return undefined;
  const gunzip = createGunzip();
  gunzip.on('error', (error) =>
    fail(new PromsteadError('TRANSPORT', `The gzip body could not be decompressed: ${error.message}`)),
  );
  return response.pipe(gunzip);
}

/** The first bytes of an error answer, for its message; the rest is not waited for. */
function readStart(response: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let called = false;
  const finish = (): void => {
    if (called) return;
    called = true;
    done(Buffer.concat(chunks).toString('utf8').slice(0, quotedBodyBytes));
  };
  response.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= quotedBodyBytes) finish();
  });
  response.on('end', finish);
  response.on('error', finish);
  response.on('close', finish);
}
