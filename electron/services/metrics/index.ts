// Public face of the metrics domain (metrics.*): scrape any target once or watch it live,
// and trim what a scrape job keeps with drop rules.
export { metricsHandlers } from './metrics-handlers';
export type { MetricsHandlerServices, ScrapeFamilies } from './metrics-services';
export { DropStore, dropsFileName } from './drop-store';
export {
  connectTls,
  readBoundedRegularFile,
  resolveTls,
  UntrustedCertificateError,
  urlHost,
  urlPort,
  scrapeOnce,
  urlTarget,
  type ResolvedScrapeAuth,
  type ScrapeLimits,
} from './scrape';
