// Browser mode: the renderer and the contract over HTTP (calls) and a WebSocket (job
// events), bound to 127.0.0.1 by default, every request carrying this run's token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiError, ErrorCode, Result } from '@shared/contract';
import type { Engine } from '../services/engine';
import { allowedHosts, hostAllowed, originAllowed } from './request-guards';
import { newSessionToken, presentedTokens, sessionCookie, tokensEqual } from './session-token';
import { sendStatic } from './static-files';

export interface BrowserServerOptions {
  engine: Engine;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** A fixed token (tests); a new random one otherwise. */
  token?: string;
}

export interface BrowserServer {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function pageHeaders(origin: string): Record<string, string> {
  const ws = origin.replace(/^http/, 'ws');
  return {
    ...securityHeaders,
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ${ws}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
}

const statusFor: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, statusFor[error.code] ?? 422, { ok: false, error } satisfies Result<never>);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const unauthorized: ApiError = {
  code: 'UNAUTHORIZED',
  message: "This request lacks this run's session token: open the URL printed by `promstead serve`.",
};

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newSessionToken();
  const { engine } = options;
  let hosts = new Set<string>();
  const anyHost = host === '0.0.0.0' || host === '::';
  let origin = '';

  let port = 0;
  const authorized = (req: IncomingMessage, url: URL): boolean =>
    presentedTokens(req, url, port).some((presented) => tokensEqual(token, presented));

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (!authorized(req, url)) return sendError(res, unauthorized);
    if (!originAllowed(req))
      return sendError(res, { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' });
    const name = url.pathname.slice('/api/op/'.length);
    if (req.method !== 'POST')
      return sendError(res, { code: 'VALIDATION', message: `Use POST for /api/op/${name}.` });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, { code: 'VALIDATION', message: 'Send the input as application/json.' });
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return sendError(res, {
        code: 'VALIDATION',
        message: 'The request body is not valid JSON (or is over 1 MiB).',
      });
    }
    const result = await engine.invoke(decodeURIComponent(name), input, 'browser');
    if (result.ok) sendJson(res, 200, result);
    else sendError(res, result.error);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!hostAllowed(req, hosts, anyHost)) {
      res.writeHead(421, securityHeaders).end('Misdirected request: unexpected Host header.');
      return;
    }
    if (url.pathname.startsWith('/api/op/')) {
      handleApi(req, res, url).catch(() =>
        sendError(res, { code: 'INTERNAL', message: 'The request could not be handled.' }),
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, securityHeaders).end();
      return;
    }
    if (!authorized(req, url)) {
      res.writeHead(401, { ...pageHeaders(origin), 'content-type': 'text/html; charset=utf-8' });
      res.end(
        "<!doctype html><title>Promstead</title><p>Open the URL printed by <code>promstead serve</code>: it carries this run's token.</p>",
      );
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the URL's token for a cookie, and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...securityHeaders,
        'set-cookie': sessionCookie(token, port),
        location: url.pathname + url.search,
      });
      res.end();
      return;
    }
    sendStatic(options.staticDir, url.pathname, res, pageHeaders(origin))
      .then((sent) => {
        if (sent) return;
        res.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain' });
        res.end(url.pathname === '/' ? 'The renderer is not built: run `npm run build`.' : 'Not found.');
      })
      .catch(() => res.destroy());
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (!hostAllowed(req, hosts, anyHost)) return refuse('421 Misdirected Request');
    if (url.pathname !== '/api/events') return refuse('404 Not Found');
    if (!authorized(req, url)) return refuse('401 Unauthorized');
    if (!originAllowed(req)) return refuse('403 Forbidden');
    sockets.handleUpgrade(req, socket, head, (client) => sockets.emit('connection', client, req));
  });
  const unsubscribe = engine.onJobEvent((event) => {
    const text = JSON.stringify(event);
    sockets.clients.forEach((client: WebSocket) => {
      if (client.readyState === client.OPEN) client.send(text);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = anyHost ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  origin = `http://${shownHost}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribe();
      sockets.clients.forEach((client: WebSocket) => client.terminate());
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
