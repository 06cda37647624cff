// The HTTP layer of a scrape against Debian's node_exporter on 127.0.0.1 (plain, gzip,
// HTTPS with basic auth) and fakes for what no real exporter does. The body goes into a
// byte sink here: what the parser makes of it is tested with the parser.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpScrape, type BodySink, type HttpScrapeRequest, type ResolvedScrapeAuth } from './http-scrape';
import { ScrapeConnection } from './scrape-connection';
import { scrapeExposition } from './scrape-exposition';
import {
  basicPassword,
  basicUser,
  closedPort,
  fakeHttpServer,
  fakeSilentServer,
  listening,
  makeCertificates,
  startNodeExporter,
  startSecureNodeExporter,
  type Certificates,
  type RunningExporter,
} from './scrape.fixture';
import { resolveTls } from './scrape-tls';

function byteSink(): BodySink<string> {
  const chunks: Uint8Array[] = [];
  return { push: (chunk) => chunks.push(chunk), end: () => Buffer.concat(chunks).toString('utf8') };
}

async function scrape(
  url: string,
  options: Partial<HttpScrapeRequest> & { ca?: string; fingerprint?: string; serverName?: string } = {},
): Promise<Awaited<ReturnType<typeof httpScrape<string>>>> {
  const parsed = new URL(url);
  const tls = await resolveTls(
    options.ca || options.fingerprint || options.serverName
      ? {
          ...(options.ca ? { caFile: options.ca } : {}),
          ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
          ...(options.serverName ? { serverName: options.serverName } : {}),
        }
      : undefined,
  );
  const connection = new ScrapeConnection(
    { via: 'direct', url: parsed, label: parsed.href, ...(tls ? { tls } : {}) },
    { keepAlive: false, connectTimeoutMs: 5000 },
  );
  try {
    return await httpScrape(
      connection,
      { timeoutMs: 10_000, maxBytes: 64 * 1024 * 1024, ...options },
      byteSink,
    );
  } finally {
    connection.close();
  }
}

describe('scraping node_exporter over plain HTTP', () => {
  let exporter: RunningExporter;
  beforeAll(async () => (exporter = await startNodeExporter()));
  afterAll(() => exporter.stop());

  it('reads the whole exposition uncompressed when asked to', async () => {
    const outcome = await scrape(`http://127.0.0.1:${exporter.port}/metrics`, { acceptEncoding: 'identity' });
    expect(outcome.head.status).toBe(200);
    expect(outcome.head.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(outcome.head.contentEncoding).toBe('identity');
    expect(outcome.value).toContain('# TYPE node_load1 gauge');
    expect(outcome.bytes).toBe(Buffer.byteLength(outcome.value));
    expect(outcome.wireBytes).toBe(outcome.bytes);
  });

  it('asks for gzip and counts the body after decompression', async () => {
    const outcome = await scrape(`http://127.0.0.1:${exporter.port}/metrics`);
    expect(outcome.head.contentEncoding).toBe('gzip');
    expect(outcome.value).toContain('node_memory_MemTotal_bytes');
    expect(outcome.bytes).toBe(Buffer.byteLength(outcome.value));
    expect(outcome.wireBytes).toBeLessThan(outcome.bytes);
  });

  it('stops at the byte limit and names the setting that raises it', async () => {
    await expect(
      scrape(`http://127.0.0.1:${exporter.port}/metrics`, { maxBytes: 1000 }),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('metrics.maxScrapeBytes'),
    });
  });

  it("NOT_EXPOSITION naming the Content-Type for the exporter's HTML landing page (a wrong path)", async () => {
    const url = new URL(`http://127.0.0.1:${exporter.port}/metricz`);
    const connection = new ScrapeConnection(
      { via: 'direct', url, label: url.href },
      { keepAlive: false, connectTimeoutMs: 5000 },
    );
    try {
      await expect(
        scrapeExposition(connection, { timeoutMs: 5000, maxBytes: 1 << 20, maxSeries: 1000 }),
      ).rejects.toMatchObject({ code: 'NOT_EXPOSITION', message: expect.stringContaining('text/html') });
    } finally {
      connection.close();
    }
  });
});

describe('scraping node_exporter over HTTPS with basic auth (--web.config.file)', () => {
  let certificates: Certificates;
  let exporter: RunningExporter;
  let url: string;
  const right: ResolvedScrapeAuth = { kind: 'basic', username: basicUser, password: basicPassword };
  beforeAll(async () => {
    certificates = await makeCertificates();
    exporter = await startSecureNodeExporter(certificates);
    url = `https://127.0.0.1:${exporter.port}/metrics`;
  });
  afterAll(async () => {
    await exporter.stop();
    await certificates.remove();
  });

  it('scrapes with the right credentials and the CA that signed the certificate', async () => {
    const outcome = await scrape(url, { auth: right, ca: certificates.caFile });
    expect(outcome.value).toContain('node_load1');
  });

  it('tells a refused password from missing credentials (UNAUTHORIZED both)', async () => {
    await expect(
      scrape(url, { auth: { ...right, password: 'wrong' }, ca: certificates.caFile }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('refused the credentials'),
    });
    await expect(scrape(url, { ca: certificates.caFile })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('wants credentials'),
    });
  });

  it('refuses a certificate from a CA it was not given, suggesting the CA file or the fingerprint it shows', async () => {
    for (const ca of [certificates.otherCaFile, undefined]) {
      await expect(scrape(url, { auth: right, ...(ca ? { ca } : {}) })).rejects.toMatchObject({
        code: 'TLS_FAILED',
        message: expect.stringMatching(/CA file.*fingerprint/),
      });
      // The fingerprint it presented, for a person to compare before pinning it.
      await expect(scrape(url, { auth: right, ...(ca ? { ca } : {}) })).rejects.toThrow(
        certificates.fingerprint,
      );
    }
  });

  it('trusts exactly the pinned certificate, and shows both fingerprints when it differs', async () => {
    const outcome = await scrape(url, { auth: right, fingerprint: certificates.fingerprint.toLowerCase() });
    expect(outcome.value).toContain('node_load1');
    const wrong = `sha256:${'ab'.repeat(32)}`;
    const failure = scrape(url, { auth: right, fingerprint: wrong });
    await expect(failure).rejects.toMatchObject({ code: 'TLS_FAILED' });
    await expect(failure).rejects.toThrow(certificates.fingerprint);
    await expect(failure).rejects.toThrow(`AB:AB:AB`);
  });

  it('checks the certificate against the server name given', async () => {
    await expect(
      scrape(url, { auth: right, ca: certificates.caFile, serverName: 'other.example' }),
    ).rejects.toMatchObject({ code: 'TLS_FAILED', message: expect.stringContaining('server name') });
    const byName = await scrape(url, { auth: right, ca: certificates.caFile, serverName: 'localhost' });
    expect(byName.value).toContain('node_load1');
  });

  it('says to use https:// when plain HTTP reaches the TLS port', async () => {
    await expect(scrape(url.replace('https:', 'http:'), { auth: right })).rejects.toMatchObject({
      code: 'TRANSPORT',
      message: expect.stringContaining('https://'),
    });
  });

  it('refuses a CA "file" that is a FIFO or /dev/zero at once, without reading it', async () => {
    const fifo = join(certificates.directory, 'ca.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const caFile of [fifo, '/dev/zero', certificates.directory])
      await expect(resolveTls({ caFile })).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('not a regular file'),
      });
  });
});

describe('scrape failures a person can act on', () => {
  it('CONNECTION_REFUSED when nothing listens', async () => {
    const port = await closedPort();
    await expect(scrape(`http://127.0.0.1:${port}/metrics`)).rejects.toMatchObject({
      code: 'CONNECTION_REFUSED',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it('TIMEOUT when the exporter accepts and never answers (a fake)', async () => {
    const silent = await listening(fakeSilentServer());
    try {
      await expect(
        scrape(`http://127.0.0.1:${silent.port}/metrics`, { timeoutMs: 600 }),
      ).rejects.toMatchObject({
        code: 'TIMEOUT',
        message: expect.stringContaining('did not answer within 0.6 s'),
      });
    } finally {
      await silent.close();
    }
  });

  it('NOT_EXPOSITION naming the Content-Type when a login page answers (a fake)', async () => {
    const page = await listening(
      fakeHttpServer('text/html; charset=utf-8', '<html><form>Log in</form></html>'),
    );
    const url = new URL(`http://127.0.0.1:${page.port}/metrics`);
    const connection = new ScrapeConnection(
      { via: 'direct', url, label: url.href },
      { keepAlive: false, connectTimeoutMs: 5000 },
    );
    try {
      await expect(
        scrapeExposition(connection, { timeoutMs: 5000, maxBytes: 1 << 20, maxSeries: 1000 }),
      ).rejects.toMatchObject({ code: 'NOT_EXPOSITION', message: expect.stringContaining('text/html') });
    } finally {
      connection.close();
      await page.close();
    }
  });

  it('NOT_FOUND with a hint at /metrics when the path is wrong (a fake answering 404)', async () => {
    const server = await listening(
      createServer((_request, response) => {
        response.writeHead(404, { 'Content-Type': 'text/plain' });
        response.end('404 page not found\n');
      }),
    );
    try {
      await expect(scrape(`http://127.0.0.1:${server.port}/metricz`)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('/metrics'),
      });
    } finally {
      await server.close();
    }
  });

  it('stops a gzip bomb at the byte limit (a fake: 16 MiB of zeros, a few KiB on the wire)', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    const server = await listening(
      fakeHttpServer('text/plain; version=0.0.4', bomb, { 'Content-Encoding': 'gzip' }),
    );
    try {
      await expect(
        scrape(`http://127.0.0.1:${server.port}/metrics`, { maxBytes: 1024 * 1024 }),
      ).rejects.toMatchObject({ code: 'TOO_LARGE' });
    } finally {
      await server.close();
    }
  });
});
