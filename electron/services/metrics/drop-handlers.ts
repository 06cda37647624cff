// metrics.previewDrops, metrics.drops and metrics.saveDrops (being built: issue #12).
import { PromsteadError } from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import type { MetricsHandlerServices } from './metrics-services';

export function dropHandlers(
  services: MetricsHandlerServices,
): Pick<NamespaceHandlers<'metrics'>, 'metrics.previewDrops' | 'metrics.drops' | 'metrics.saveDrops'> {
  void services;
  const notYet = (): never => {
    throw new PromsteadError('INTERNAL', 'Drop rules are not built yet.');
  };
  return {
    'metrics.previewDrops': async () => notYet(),
    'metrics.drops': async () => notYet(),
    'metrics.saveDrops': async () => notYet(),
  };
}
