// One scrape of a resolved target, as metrics.scrape and the CLI answer it.
import type { ScrapeResult } from '@shared/contract';
import { toScrapeResult } from './scrape-result';
import type { ResolvedTarget } from './scrape-target';
import { TargetScraper, type ScrapeLimits } from './target-scraper';

export interface ScrapeOnceOptions {
  limits: ScrapeLimits;
  timeoutMs: number;
  /** Only these families' samples in the answer (all are still summarised). */
  families?: readonly string[];
  signal?: AbortSignal;
}

export async function scrapeOnce(target: ResolvedTarget, options: ScrapeOnceOptions): Promise<ScrapeResult> {
  const scraper = new TargetScraper(target, { limits: options.limits, keepAlive: false });
  try {
    return toScrapeResult(await scraper.scrape(options.timeoutMs, options.signal), options.families);
  } finally {
    scraper.close();
  }
}
