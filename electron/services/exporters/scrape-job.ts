// The scrape job of an exporter that Prometheus reaches at one address, as most of the
// catalog is; blackbox and snmp instead probe many targets through one exporter.
import type { ScrapeContext, ScrapeJobs } from './catalog-types';
import { listenAddress } from '@shared/contract';

export interface SingleTargetOptions {
  /** Added to every series the job scrapes. */
  labels?: Record<string, string>;
  /** Keeps the job and instance labels the scraped series carry (what Pushgateway holds). */
  honorLabels?: boolean;
}

/** One job whose one target is the exporter's port on the host, as Prometheus sees it. */
export function singleTargetScrapeJobs(
  jobName: string,
  scrape: ScrapeContext,
  port: number,
  options: SingleTargetOptions = {},
): ScrapeJobs {
  return {
    jobs: [
      {
        jobName,
        tier: scrape.tier,
        ...(options.honorLabels ? { honorLabels: true } : {}),
        staticConfigs: [
          {
            targets: [listenAddress(scrape.host, port)],
            ...(options.labels ? { labels: options.labels } : {}),
          },
        ],
      },
    ],
    multiTargetJobs: [],
  };
}
