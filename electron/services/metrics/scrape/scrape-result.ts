// What a scrape answers, in the contract's shapes: every family summarised with its
// series count, the asked-for families with their samples, and a watch tick's families
// with a cap on samples so one tick stays a reasonable message.
import type { FamilySummary, MetricFamily, ScrapeResult } from '@shared/contract';
import { toWireFamily, type ParsedFamily } from '../../exposition';
import type { ExpositionScrape } from './scrape-exposition';

/** Samples one watch tick carries at most, over all its families (a chart needs no more). */
export const maxTickSamples = 5000;

export function summarize(family: ParsedFamily): FamilySummary {
  return {
    name: family.name,
    type: family.type,
    help: family.help,
    unit: family.unit,
    series: family.samples.length,
  };
}

export function toScrapeResult(scrape: ExpositionScrape, families?: readonly string[]): ScrapeResult {
  const wanted = families ? new Set(families) : undefined;
  return {
    url: scrape.url,
    format: scrape.format,
    contentType: scrape.contentType,
    bytes: scrape.bytes,
    durationMs: scrape.durationMs,
    scrapedAt: scrape.scrapedAt,
    seriesCount: scrape.parsed.seriesCount,
    summaries: scrape.parsed.families.map(summarize),
    families: scrape.parsed.families
      .filter((family) => !wanted || wanted.has(family.name))
      .map((family) => toWireFamily(family)),
  };
}

/** The watched families, in the order asked, their samples capped at `cap` in all. */
export function tickFamilies(
  parsed: readonly ParsedFamily[],
  names: readonly string[],
  cap = maxTickSamples,
): MetricFamily[] {
  const byName = new Map(parsed.map((family) => [family.name, family]));
  const families: MetricFamily[] = [];
  let left = cap;
  for (const name of names) {
    const family = byName.get(name);
    if (!family) continue;
    families.push(toWireFamily(family, left));
    left = Math.max(0, left - family.samples.length);
  }
  return families;
}
