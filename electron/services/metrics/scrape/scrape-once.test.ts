// One scrape through the exposition parser, as metrics.scrape answers it: node_exporter
// by URL, a deployment reached through a (fake) SSH tunnel when its port is closed to
// this machine, and the series limit. Needs the real exposition parser.
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { DeploymentRecord, Host } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  fakeHttpServer,
  listening,
  startNodeExporter,
  type RunningExporter,
} from './scrape.fixture';
import { scrapeOnce } from './scrape-once';
import { resolveTarget, urlTarget, type TargetResolver } from './scrape-target';
import { TargetScraper } from './target-scraper';

const limits = { maxBytes: 16 * 1024 * 1024, maxSeries: 100_000 };

let exporter: RunningExporter;
beforeAll(async () => (exporter = await startNodeExporter()));
afterAll(() => exporter.stop());

/**
 * A fake SSH tunnel: ssh2's forwardOut gives a stream to the host's port once the
 * channel is open, or fails with its own words when nothing listens there.
 */
function fakeTunnel(port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', () => reject(new Error('(SSH) Channel open failure: Connection refused')));
  });
}

function deployedAt(scrapeAddress: string, tunnelTo: number | undefined): TargetResolver {
  const record = { hostId: 'nas', exporter: 'node_exporter', scrapeAddress } as DeploymentRecord;
  return {
    deployments: (hostId) => (hostId === 'nas' ? [record] : []),
    host: () => ({ id: 'nas', name: 'nas', kind: tunnelTo ? 'ssh' : 'docker' }) as Host,
    sshStreams: async () => (tunnelTo ? () => fakeTunnel(tunnelTo) : undefined),
    readSecret: () => Promise.reject(new Error('no secrets here')),
  };
}

describe('scrapeOnce', () => {
  it('summarises every family with its series and gives the samples of the families asked for', async () => {
    const url = `http://127.0.0.1:${exporter.port}/metrics`;
    const result = await scrapeOnce(await urlTarget(url), {
      limits,
      timeoutMs: 10_000,
      families: ['node_load1'],
    });
    expect(result).toMatchObject({
      url,
      format: 'prometheus-text',
      contentType: expect.stringContaining('text/plain'),
    });
    expect(result.bytes).toBeGreaterThan(1000);
    expect(result.summaries).toContainEqual(
      expect.objectContaining({ name: 'node_load1', type: 'gauge', series: 1 }),
    );
    const cpu = result.summaries.find((summary) => summary.name === 'node_cpu_seconds_total');
    expect(cpu).toMatchObject({ type: 'counter' });
    expect(cpu?.series).toBeGreaterThan(1);
    expect(result.seriesCount).toBe(result.summaries.reduce((sum, summary) => sum + summary.series, 0));
    expect(result.families).toEqual([
      expect.objectContaining({
        name: 'node_load1',
        samples: [expect.objectContaining({ name: 'node_load1' })],
      }),
    ]);
  });

  it('scrapes a deployment through the host (SSH) when its port is not reachable directly, and says so', async () => {
    const unreachable = await closedPort();
    const target = await resolveTarget(
      { kind: 'deployment', hostId: 'nas', exporter: 'node_exporter' },
      deployedAt(`127.0.0.1:${unreachable}`, exporter.port),
    );
    const result = await scrapeOnce(target, { limits, timeoutMs: 10_000 });
    expect(result.url).toBe(`http://127.0.0.1:${unreachable}/metrics (through SSH)`);
    expect(result.summaries.map((summary) => summary.name)).toContain('node_load1');
  });

  it('scrapes a deployment directly when it answers, and reports both routes when neither does', async () => {
    const direct = await scrapeOnce(
      await resolveTarget(
        { kind: 'deployment', hostId: 'nas', exporter: 'node_exporter' },
        deployedAt(`127.0.0.1:${exporter.port}`, undefined),
      ),
      { limits, timeoutMs: 10_000 },
    );
    expect(direct.url).toBe(`http://127.0.0.1:${exporter.port}/metrics`);
    const unreachable = await closedPort();
    const failing = scrapeOnce(
      await resolveTarget(
        { kind: 'deployment', hostId: 'nas', exporter: 'node_exporter' },
        deployedAt(`127.0.0.1:${unreachable}`, unreachable),
      ),
      { limits, timeoutMs: 10_000 },
    );
    await expect(failing).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
    await expect(failing).rejects.toThrow(/Directly: .* Through SSH: /);
  });

  it('says NOT_FOUND when the exporter was not deployed on that host', async () => {
    await expect(
      resolveTarget(
        { kind: 'deployment', hostId: 'nas', exporter: 'redis_exporter' },
        deployedAt('127.0.0.1:1', undefined),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('deploy it first') });
  });

  it('stops at the series limit and names the setting that raises it', async () => {
    const url = `http://127.0.0.1:${exporter.port}/metrics`;
    await expect(
      scrapeOnce(await urlTarget(url), { limits: { ...limits, maxSeries: 10 }, timeoutMs: 10_000 }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('metrics.maxSeries') });
  });

  it('keeps one connection for scrape after scrape when kept alive, as a watch does (a fake counting connections)', async () => {
    let connections = 0;
    const server = fakeHttpServer('text/plain; version=0.0.4; charset=utf-8', '# TYPE up gauge\nup 1\n');
    server.on('connection', () => connections++);
    const fake = await listening(server);
    const scraper = new TargetScraper(await urlTarget(`http://127.0.0.1:${fake.port}/metrics`), {
      limits,
      keepAlive: true,
    });
    try {
      for (let tick = 0; tick < 3; tick++) {
        const scrape = await scraper.scrape(5000);
        expect(scrape.parsed.families.map((family) => family.name)).toEqual(['up']);
      }
      expect(connections).toBe(1);
    } finally {
      scraper.close();
      await fake.close();
    }
  });
});
