// metrics.scrape and metrics.watch (being built: issue #12).
import { PromsteadError } from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import type { MetricsHandlerServices } from './metrics-services';

export function scrapeHandlers(
  services: MetricsHandlerServices,
): Pick<NamespaceHandlers<'metrics'>, 'metrics.scrape' | 'metrics.watch'> {
  void services;
  const notYet = (): never => {
    throw new PromsteadError('INTERNAL', 'Scraping is not built yet.');
  };
  return { 'metrics.scrape': async () => notYet(), 'metrics.watch': async () => notYet() };
}
