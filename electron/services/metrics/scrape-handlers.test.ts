// metrics.scrape and metrics.watch through the engine's boundary, as every transport
// calls them: credentials by SecretStore id, errors as codes, the watch as a job whose
// ticks and result the contract checks. The successful scrape needs the exposition parser.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJobEvent, type JobEvent } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import {
  basicPassword,
  basicUser,
  closedPort,
  makeCertificates,
  startSecureNodeExporter,
  type Certificates,
  type RunningExporter,
} from './scrape/scrape.fixture';

let dataDir: string;
let engine: Engine;
let certificates: Certificates;
let exporter: RunningExporter;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'promstead-metrics-handlers-'));
  engine = await Engine.open({ dataDir, transport: 'cli', version: '1' });
  certificates = await makeCertificates();
  exporter = await startSecureNodeExporter(certificates);
});
afterAll(async () => {
  await exporter.stop();
  await engine.close();
  await certificates.remove();
  await rm(dataDir, { recursive: true, force: true });
});

async function secret(value: string): Promise<string> {
  const stored = await engine.invoke('secrets.put', { value, label: 'scrape password' }, 'test');
  if (!stored.ok) throw new Error(stored.error.message);
  return (stored.data as { id: string }).id;
}

function secureTarget(passwordSecretId: string): object {
  return {
    kind: 'url',
    url: `https://127.0.0.1:${exporter.port}/metrics`,
    auth: { kind: 'basic', username: basicUser, passwordSecretId },
    tls: { caFile: certificates.caFile },
  };
}

describe('metrics.scrape', () => {
  it('reads the password from the SecretStore by id and scrapes over HTTPS', async () => {
    const result = await engine.invoke(
      'metrics.scrape',
      { target: secureTarget(await secret(basicPassword)) },
      'test',
    );
    expect(result).toMatchObject({
      ok: true,
      data: { url: `https://127.0.0.1:${exporter.port}/metrics`, format: 'prometheus-text' },
    });
  });

  it('answers a refused password with UNAUTHORIZED and a forgotten secret with SECRET_UNAVAILABLE', async () => {
    const wrong = await engine.invoke(
      'metrics.scrape',
      { target: secureTarget(await secret('not-it')) },
      'test',
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const gone = await engine.invoke(
      'metrics.scrape',
      { target: secureTarget('secret-that-was-deleted') },
      'test',
    );
    expect(gone).toMatchObject({ ok: false, error: { code: 'SECRET_UNAVAILABLE' } });
  });

  it('says NOT_FOUND for a deployment on a host Promstead does not know', async () => {
    const result = await engine.invoke(
      'metrics.scrape',
      { target: { kind: 'deployment', hostId: 'nowhere', exporter: 'node_exporter' } },
      'test',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('metrics.watch', () => {
  it('runs as a job whose ticks the contract accepts, failed scrapes included, until cancelled', async () => {
    const events: JobEvent[] = [];
    const unsubscribe = engine.onJobEvent((event) => events.push(event));
    try {
      const started = await engine.invoke(
        'metrics.watch',
        {
          target: { kind: 'discovered', address: '127.0.0.1', port: await closedPort() },
          intervalMs: 1000,
          families: ['node_load1'],
        },
        'test',
      );
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.data as { jobId: string };
      const ticks = (): JobEvent[] =>
        events.filter((event) => event.jobId === jobId && event.type === 'data');
      for (let attempt = 0; attempt < 200 && ticks().length < 1; attempt++) await sleep(50);
      await engine.invoke('jobs.cancel', { jobId }, 'test');
      expect((await engine.waitForJob(jobId)).type).toBe('cancelled');
      const [tick] = ticks().map((event) => readJobEvent('metrics.watch', event));
      expect(tick?.ok && tick.event.type === 'data' && tick.event.data).toMatchObject({
        families: [],
        error: { code: 'CONNECTION_REFUSED' },
      });
    } finally {
      unsubscribe();
    }
  });
});
