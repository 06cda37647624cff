// Public face of the query domain (query.*): PromQL, names and targets of a Prometheus server.
export { queryHandlers } from './query-handlers';
