// The metrics.watch job: scrape one target every interval until cancelled or its
// maximum duration, streaming the watched families as metrics.tick events. Ticks are
// scheduled from the start time (no drift) and run one after another (never overlap):
// a scrape slower than the interval skips the slots it ran over. A failed scrape is a
// tick with an error, and the watch goes on.
import { setTimeout as sleep } from 'node:timers/promises';
import { errorText, metricsTickTopic, PromsteadError, type WatchTick } from '@shared/contract';
import type { JobContext } from '../../jobs';
import { tickFamilies } from './scrape-result';
import type { TargetScraper } from './target-scraper';

export interface WatchSettings {
  intervalMs: number;
  families: string[];
  maxDurationMs: number;
}

export interface WatchOutcome {
  ticks: number;
  failed: number;
}

/** A tick's scrape may take the interval, but at least this (a slow exporter still shows) … */
const minScrapeTimeoutMs = 3000;
/** … and at most this: a stuck exporter must not freeze the chart for long. */
const maxScrapeTimeoutMs = 10_000;

export async function runWatch(
  settings: WatchSettings,
  job: JobContext<'metrics.watch'>,
  connect: () => Promise<TargetScraper>,
  now: () => number = Date.now,
): Promise<WatchOutcome> {
  job.progress('connect', 0, 1, 'Finding the target');
  const scraper = await connect();
  try {
    job.progress('connect', 1, 1, 'Ready');
    const { intervalMs, maxDurationMs } = settings;
    const slots = Math.ceil(maxDurationMs / intervalMs);
    const start = now();
    const end = start + maxDurationMs;
    const scrapeTimeoutMs = Math.min(Math.max(intervalMs, minScrapeTimeoutMs), maxScrapeTimeoutMs);
    let ticks = 0;
    let failed = 0;
    let slot = 0;
    // Each pass moves to a later slot, so the loop ends after `slots` passes at most.
    for (let pass = 0; pass <= slots; pass++) {
      const due = start + slot * intervalMs;
      if (due >= end) break;
      await waitUntil(due, now, job.signal);
      const tick = await scrapeTick(
        scraper,
        settings.families,
        Math.min(scrapeTimeoutMs, end - now()),
        job,
        now,
      );
      ticks++;
      if (tick.error) failed++;
      job.emitData(metricsTickTopic, tick);
      job.progress(
        'watch',
        ticks,
        slots,
        tick.error ? `Scrape failed: ${tick.error.message}` : `${tick.families.length} families`,
      );
      slot = Math.max(slot + 1, Math.ceil((now() - start) / intervalMs));
    }
    return { ticks, failed };
  } finally {
    scraper.close();
  }
}

async function scrapeTick(
  scraper: TargetScraper,
  families: readonly string[],
  timeoutMs: number,
  job: JobContext<'metrics.watch'>,
  now: () => number,
): Promise<WatchTick> {
  const at = now();
  try {
    const scrape = await scraper.scrape(Math.max(timeoutMs, 500), job.signal);
    return { at, durationMs: scrape.durationMs, families: tickFamilies(scrape.parsed.families, families) };
  } catch (error) {
    job.throwIfCancelled();
    const apiError =
      error instanceof PromsteadError
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: errorText(error) };
    return { at, durationMs: Math.max(0, now() - at), families: [], error: apiError };
  }
}

async function waitUntil(due: number, now: () => number, signal: AbortSignal): Promise<void> {
  const wait = due - now();
  if (wait <= 0) return;
  try {
    await sleep(wait, undefined, { signal });
  } catch {
    throw new PromsteadError('CANCELLED', 'The watch was stopped.');
  }
}
