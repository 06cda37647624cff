// The query.* operations: PromQL against a Prometheus server, its label names and values,
// metric metadata and target health.
import type { NamespaceHandlers } from '../boundary';
import type { MetricsHandlerServices } from '../metrics';
import { QueryService } from './query-service';

export function queryHandlers(services: MetricsHandlerServices): NamespaceHandlers<'query'> {
  const query = new QueryService(services);
  return {
    'query.instant': (input) => query.instant(input.server, input.query, input.time),
    'query.range': (input) => query.range(input.server, input),
    'query.names': async (input) => ({
      names: await query.names(input.server, {
        ...(input.label !== undefined ? { label: input.label } : {}),
        match: input.match,
        limit: input.limit,
      }),
    }),
    'query.metadata': async (input) => ({ metadata: await query.metadata(input.server, input.metric) }),
    'query.targets': async (input) => ({ targets: await query.targets(input.server) }),
  };
}
