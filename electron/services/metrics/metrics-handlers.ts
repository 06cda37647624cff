// The metrics.* operations: scraping and watching a target, and the drop rules that trim
// a scrape job's series.
import type { NamespaceHandlers } from '../boundary';
import { dropHandlers } from './drop-handlers';
import type { MetricsHandlerServices } from './metrics-services';
import { scrapeFamiliesOf, scrapeHandlers } from './scrape-handlers';

export function metricsHandlers(services: MetricsHandlerServices): NamespaceHandlers<'metrics'> {
  const scrapeFamilies = services.scrapeFamilies ?? scrapeFamiliesOf(services);
  return { ...scrapeHandlers(services), ...dropHandlers({ ...services, scrapeFamilies }) };
}
