import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JobEvent } from '@shared/contract';
import { Engine } from '../services/engine';
import { startBrowserServer, type BrowserServer } from './browser-server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  server: BrowserServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('browser mode server', () => {
  let dir: string;
  let engine: Engine;
  let server: BrowserServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promstead-server-'));
    const staticDir = join(dir, 'renderer');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Promstead</title>');
    await writeFile(join(dir, 'outside.txt'), 'not for you');
    engine = await Engine.open({ dataDir: join(dir, 'data'), transport: 'browser', version: '0.0.0-test' });
    server = await startBrowserServer({ engine, staticDir });
    auth = { authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server.close();
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 and prints a URL carrying a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses the page and the API without the token, and with a wrong one', async () => {
    expect((await send(server, '/')).status).toBe(401);
    expect((await send(server, '/?token=wrong')).status).toBe(401);
    const api = await send(server, '/api/op/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await send(server, '/api/op/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and serves the app with a strict CSP', async () => {
    const first = await send(server, `/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await send(server, '/', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Promstead</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await send(server, '/', { headers: { ...auth, host: 'evil.example:80' } });
    expect(reply.status).toBe(421);
  });

  it('refuses cross-site API calls by Origin, even with the token', async () => {
    const reply = await send(server, '/api/op/app.info', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(reply.status).toBe(403);
  });

  it('answers calls with {ok, data} and bad input with a VALIDATION error naming the field', async () => {
    const ok = await send(server, '/api/op/settings.get', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, data: { theme: 'system' } });
    const bad = await send(server, '/api/op/settings.update', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ scan: { timeoutMs: -5 } }),
    });
    expect(bad.status).toBe(400);
    const body = JSON.parse(bad.body) as { ok: false; error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toContain('scan.timeoutMs');
    const unknown = await send(server, '/api/op/nope.nothing', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2Foutside.txt', '/%00']) {
      const reply = await send(server, path, { headers: auth });
      expect(reply.body).not.toContain('not for you');
    }
  });

  it('streams job events over the WebSocket only to a same-origin client holding the token', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/events`;
    await expect(openSocket(url, {})).rejects.toThrow('401');
    await expect(openSocket(url, { ...auth, origin: 'http://evil.example' })).rejects.toThrow('403');
    const socket = await openSocket(url, { ...auth, origin: server.origin });
    const events: JobEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      socket.on('message', (data: Buffer) => {
        const event = JSON.parse(data.toString()) as JobEvent;
        events.push(event);
        if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') resolve();
      }),
    );
    const started = await send(server, '/api/op/diagnostics.selfTest', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    const { data } = JSON.parse(started.body) as { data: { jobId: string } };
    await finished;
    socket.close();
    expect(events.every((event) => event.jobId === data.jobId)).toBe(true);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index));
    expect(events.at(-1)).toMatchObject({ type: 'done', result: { checks: expect.any(Array) } });
    expect(events.filter((event) => event.type === 'progress').length).toBeGreaterThanOrEqual(2);
  });
});
