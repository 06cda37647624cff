// What the metrics.* handlers need from the rest of the engine, wired in operation-handlers.
import type { MetricFamily, ScrapeTarget } from '@shared/contract';
import type { DeployService } from '../deploy';
import type { HostService } from '../hosts';
import type { JobRunner } from '../jobs';
import type { SettingsService } from '../settings';
import type { SecretStore } from '../store';
import type { DropStore } from './drop-store';

/** One scrape of a target, parsed into its families (the scrape side of metrics/). */
export type ScrapeFamilies = (target: ScrapeTarget, signal?: AbortSignal) => Promise<MetricFamily[]>;

export interface MetricsHandlerServices {
  dataDir: string;
  settings: SettingsService;
  secrets: SecretStore;
  hosts: HostService;
  deploy: DeployService;
  jobs: JobRunner;
  /** Drop rules saved per deployment; the DeployService reads the same instance. */
  drops: DropStore;
  /** Injected so the drop preview does not depend on how scraping is built. */
  scrapeFamilies?: ScrapeFamilies;
}
