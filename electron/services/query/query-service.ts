// PromQL, names, metadata and targets of a Prometheus server, whichever way it is named:
// the one Promstead deployed on a host, or a URL.
import type { PrometheusServer, QueryAnswer, TargetHealth } from '@shared/contract';
import type { SecretStore } from '../store';
import { type DeploymentEndpointDependencies, DeploymentEndpoints } from './deployment-endpoint';
import * as client from './query-client';
import {
  defaultTransportLimits,
  urlTransport,
  type TransportLimits,
  type UrlTransportFactory,
} from './url-transport';

export interface QueryServiceDependencies extends DeploymentEndpointDependencies {
  secrets: Pick<SecretStore, 'get'>;
  /** How a URL is reached; the TLS-capable factory of the metrics scrape client plugs in here. */
  openUrl?: UrlTransportFactory;
  limits?: Partial<TransportLimits>;
}

export class QueryService {
  private readonly limits: TransportLimits;
  private readonly openUrl: UrlTransportFactory;
  private readonly deployments: DeploymentEndpoints;

  constructor(deps: QueryServiceDependencies) {
    this.limits = { ...defaultTransportLimits, ...deps.limits };
    this.openUrl = deps.openUrl ?? urlTransport(deps.secrets);
    this.deployments = new DeploymentEndpoints(deps, this.limits);
  }

  endpoint(server: PrometheusServer): Promise<client.PrometheusEndpoint> {
    return server.kind === 'deployment'
      ? Promise.resolve(this.deployments.endpoint(server.hostId))
      : this.openUrl(server, this.limits);
  }

  async instant(server: PrometheusServer, query: string, time?: number): Promise<QueryAnswer> {
    return client.instantQuery(await this.endpoint(server), query, time);
  }

  async range(server: PrometheusServer, range: client.RangeQuery): Promise<QueryAnswer> {
    return client.rangeQuery(await this.endpoint(server), range);
  }

  async names(server: PrometheusServer, request: client.NamesQuery): Promise<string[]> {
    return client.names(await this.endpoint(server), request);
  }

  async metadata(
    server: PrometheusServer,
    metric?: string,
  ): Promise<Record<string, { type: string; help: string; unit: string }[]>> {
    return client.metadata(await this.endpoint(server), metric);
  }

  async targets(server: PrometheusServer): Promise<TargetHealth[]> {
    return client.targets(await this.endpoint(server));
  }
}
