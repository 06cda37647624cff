// The query.* operations: PromQL against a Prometheus server (being built: issue #12).
import { PromsteadError } from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import type { MetricsHandlerServices } from '../metrics';

export function queryHandlers(services: MetricsHandlerServices): NamespaceHandlers<'query'> {
  void services;
  const notYet = (): never => {
    throw new PromsteadError('INTERNAL', 'PromQL is not built yet.');
  };
  return {
    'query.instant': async () => notYet(),
    'query.range': async () => notYet(),
    'query.names': async () => notYet(),
    'query.metadata': async () => notYet(),
    'query.targets': async () => notYet(),
  };
}
