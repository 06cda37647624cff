// Public face of the query domain (query.*): PromQL, names and targets of a Prometheus server.
export { queryHandlers } from './query-handlers';
export { QueryService, type QueryServiceDependencies } from './query-service';
export type { UrlTransportFactory, TransportLimits } from './url-transport';
export { checkRangeResolution, defaultStepSeconds, formatStep, maxPointsPerSeries } from './range-steps';
