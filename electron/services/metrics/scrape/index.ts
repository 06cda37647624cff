// Scraping any target: HTTP(S) with limits, TLS pinning and credentials, the route to a
// deployment (direct or through SSH), one scrape or a watch job.
export { readBoundedRegularFile } from './bounded-file';
export { prometheusAcceptHeader, type ResolvedScrapeAuth } from './http-scrape';
export { scrapeOnce, type ScrapeOnceOptions } from './scrape-once';
export { maxTickSamples, summarize, tickFamilies, toScrapeResult } from './scrape-result';
export { resolveTarget, urlTarget, type ResolvedTarget, type TargetResolver } from './scrape-target';
export { TargetScraper, type ScrapeLimits } from './target-scraper';
export { runWatch, type WatchSettings } from './watch-job';
export { connectTls, resolveTls, UntrustedCertificateError, type ResolvedTls } from './scrape-tls';
export { urlHost, urlPort } from './scrape-connection';
