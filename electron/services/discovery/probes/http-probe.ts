// One bounded GET to a device: a hard deadline for the whole exchange (not just for
// silence, which a slow drip would defeat), a byte limit on the body, no redirects.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbeScope } from './probe-scope';
import { tlsOptionsForProbing } from './tls-options';

export interface HttpGetRequest {
  address: string;
  port: number;
  tls: boolean;
  path: string;
  timeoutMs: number;
  maxBytes: number;
  accept?: string;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8, cut at maxBytes. */
  body: string;
  /** The body was longer than maxBytes, or the deadline cut it short. */
  truncated: boolean;
}

export interface HttpResult {
  /** Absent when the port gave no HTTP response in time. */
  answer?: HttpAnswer;
  /** Neither an answer nor an error before the deadline: the port kept quiet. */
  silent: boolean;
}

/** One GET; never throws. */
export function httpGet(scope: ProbeScope, request: HttpGetRequest): Promise<HttpResult> {
  return new Promise((resolve) => {
    if (scope.aborted) return resolve({ silent: false });
    const send = request.tls ? httpsRequest : httpRequest;
    const outgoing = send({
      host: request.address,
      port: request.port,
      path: request.path,
      method: 'GET',
      // A fresh connection each time: no pool to outlive the probe or leak into a cancel.
      agent: false,
      headers: {
        'User-Agent': 'Promstead-discovery',
        Accept: request.accept ?? '*/*',
        // Compressed bodies would defeat the byte limit's meaning; ask for plain ones.
        'Accept-Encoding': 'identity',
        Connection: 'close',
      },
      ...(request.tls ? tlsOptionsForProbing(request.address) : {}),
    });
    scope.track(outgoing);
    const chunks: Buffer[] = [];
    let received = 0;
    let truncated = false;
    let head: { status: number; headers: IncomingHttpHeaders } | undefined;
    let settled = false;
    const finish = (silent = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outgoing.destroy();
      if (!head) return resolve({ silent });
      resolve({
        answer: { ...head, body: Buffer.concat(chunks).toString('utf8'), truncated },
        silent: false,
      });
    };
    const deadline = setTimeout(() => {
      truncated = true;
      finish(head === undefined);
    }, request.timeoutMs);
    outgoing.on('response', (response) => {
      head = { status: response.statusCode ?? 0, headers: response.headers };
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = request.maxBytes - received;
        chunks.push(chunk.subarray(0, room));
        received += Math.min(chunk.length, room);
        if (chunk.length > room) {
          truncated = true;
          finish();
        }
      });
      response.on('end', () => finish());
      response.on('error', () => finish());
      response.on('close', () => finish());
    });
    outgoing.on('error', () => finish());
    outgoing.on('close', () => finish());
    outgoing.end();
  });
}
