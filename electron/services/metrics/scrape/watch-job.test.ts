// The metrics.watch job run by the real JobRunner: ticks as data events, a failed
// scrape as a tick with its error (the watch goes on), cancel, the maximum duration,
// and the cap on samples per tick. The successful-scrape case needs the exposition parser.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  readJobEvent,
  WatchTickSchema,
  type JobEvent,
  type TerminalJobEvent,
  type WatchTick,
} from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedFamily } from '../../exposition';
import { JobRunner } from '../../jobs';
import { closedPort, startNodeExporter, type RunningExporter } from './scrape.fixture';
import { tickFamilies } from './scrape-result';
import { urlTarget } from './scrape-target';
import { TargetScraper } from './target-scraper';
import { runWatch, type WatchSettings } from './watch-job';

const limits = { maxBytes: 16 * 1024 * 1024, maxSeries: 100_000 };

interface Watch {
  jobId: string;
  runner: JobRunner;
  events: JobEvent[];
  ticks: () => WatchTick[];
}

function startWatch(url: string, settings: WatchSettings): Watch {
  const runner = new JobRunner({ throttleMs: 0 });
  const events: JobEvent[] = [];
  runner.onEvent((event) => events.push(event));
  const jobId = runner.start('metrics.watch', (job) =>
    runWatch(settings, job, async () => new TargetScraper(await urlTarget(url), { limits, keepAlive: true })),
  );
  const ticks = (): WatchTick[] =>
    events.flatMap((event) => (event.type === 'data' ? [WatchTickSchema.parse(event.data)] : []));
  return { jobId, runner, events, ticks };
}

/** Waits (bounded) until the watch has emitted `count` ticks. */
async function untilTicks(watch: Watch, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && watch.ticks().length < count; attempt++) await sleep(50);
  expect(watch.ticks().length).toBeGreaterThanOrEqual(count);
}

function phases(events: readonly JobEvent[]): string[] {
  const seen: string[] = [];
  for (const event of events)
    if (event.type === 'progress' && seen[seen.length - 1] !== event.phase) seen.push(event.phase);
  return seen;
}

describe('metrics.watch', () => {
  it('goes on after failed scrapes, each a tick with its error, and stops when cancelled', async () => {
    const port = await closedPort();
    const watch = startWatch(`http://127.0.0.1:${port}/metrics`, {
      intervalMs: 100,
      families: ['node_load1'],
      maxDurationMs: 60_000,
    });
    await untilTicks(watch, 3);
    watch.runner.cancel(watch.jobId);
    const terminal: TerminalJobEvent = await watch.runner.wait(watch.jobId);
    expect(terminal.type).toBe('cancelled');
    for (const tick of watch.ticks()) {
      expect(tick.families).toEqual([]);
      expect(tick.error).toMatchObject({ code: 'CONNECTION_REFUSED' });
    }
    expect(phases(watch.events)).toEqual(['connect', 'watch']);
    // Nothing arrives after the terminal event.
    expect(watch.events[watch.events.length - 1]?.type).toBe('cancelled');
  });

  it('ends by itself after its maximum duration with the count of ticks and failures', async () => {
    const port = await closedPort();
    const watch = startWatch(`http://127.0.0.1:${port}/metrics`, {
      intervalMs: 100,
      families: ['node_load1'],
      maxDurationMs: 400,
    });
    const terminal = readJobEvent('metrics.watch', await watch.runner.wait(watch.jobId));
    expect(terminal.ok && terminal.event.type === 'done' && terminal.event.result).toEqual({
      ticks: watch.ticks().length,
      failed: watch.ticks().length,
    });
    // Four slots of 100 ms in 400 ms: never more ticks than slots (no overlap, no catch-up burst).
    expect(watch.ticks().length).toBeGreaterThanOrEqual(1);
    expect(watch.ticks().length).toBeLessThanOrEqual(4);
  });

  describe('against node_exporter (with the exposition parser)', () => {
    let exporter: RunningExporter;
    beforeAll(async () => (exporter = await startNodeExporter()));
    afterAll(() => exporter.stop());

    it('streams the watched families tick by tick, and a stopped exporter as a failed tick', async () => {
      const watch = startWatch(`http://127.0.0.1:${exporter.port}/metrics`, {
        intervalMs: 200,
        families: ['node_cpu_seconds_total', 'node_load1', 'no_such_family'],
        maxDurationMs: 60_000,
      });
      await untilTicks(watch, 2);
      await exporter.stop();
      const before = watch.ticks().length;
      for (let attempt = 0; attempt < 200 && !watch.ticks().some((tick) => tick.error); attempt++)
        await sleep(50);
      watch.runner.cancel(watch.jobId);
      expect((await watch.runner.wait(watch.jobId)).type).toBe('cancelled');
      const ticks = watch.ticks();
      const [first] = ticks;
      expect(first?.error).toBeUndefined();
      expect(first?.families.map((family) => family.name)).toEqual(['node_cpu_seconds_total', 'node_load1']);
      expect(first?.families[1]).toMatchObject({
        type: 'gauge',
        samples: [{ name: 'node_load1', labels: {} }],
      });
      expect(ticks.slice(before).some((tick) => tick.error?.code === 'CONNECTION_REFUSED')).toBe(true);
      // Ticks follow each other in time: one scrape at a time.
      for (let index = 1; index < ticks.length; index++)
        expect(ticks[index]?.at).toBeGreaterThan(ticks[index - 1]?.at ?? 0);
    });
  });
});

describe('tickFamilies', () => {
  const family = (name: string, count: number): ParsedFamily => ({
    name,
    type: 'gauge',
    help: '',
    unit: '',
    samples: Array.from({ length: count }, (_, index) => ({
      name,
      labels: { index: String(index) },
      value: index === 0 ? Number.NaN : index,
    })),
  });

  it('keeps the order asked, skips families absent from the scrape, and caps the samples of a tick', () => {
    const ticked = tickFamilies([family('a', 3), family('b', 4), family('c', 5)], ['c', 'missing', 'a'], 6);
    expect(ticked.map((entry) => [entry.name, entry.samples.length])).toEqual([
      ['c', 5],
      ['a', 1],
    ]);
    expect(ticked[0]?.samples[0]?.value).toBe('NaN');
  });
});
