// The Prometheus HTTP API calls the query.* operations make, over an injected transport so
// the same calls work directly and through an SSH tunnel: PromQL (instant and range),
// label names and values, metric metadata and the active targets.
import { z } from 'zod';
import type { QueryAnswer, TargetHealth } from '@shared/contract';
import type { PrometheusHttp } from '../prometheus';
import { type Envelope, readData, readEnvelope } from './prometheus-envelope';
import {
  toMetadata,
  toQueryResult,
  toTargets,
  WireMetadataSchema,
  WireResultSchema,
  WireTargetsSchema,
} from './query-results';
import { checkRangeResolution } from './range-steps';

/** A Prometheus server as the calls reach it, and how messages name it. */
export interface PrometheusEndpoint {
  http: PrometheusHttp;
  /** E.g. `Prometheus at http://nas:9090`. */
  name: string;
}

export interface RangeQuery {
  query: string;
  /** ms since the epoch. */
  start: number;
  end: number;
  stepSeconds: number;
}

/** Seconds, as Prometheus takes time parameters (it accepts fractions). */
function seconds(ms: number): string {
  return String(ms / 1000);
}

async function call(
  endpoint: PrometheusEndpoint,
  method: 'GET' | 'POST',
  path: string,
  form?: URLSearchParams,
): Promise<Envelope> {
  return readEnvelope(await endpoint.http(method, path, form), endpoint.name, path);
}

async function evaluate(
  endpoint: PrometheusEndpoint,
  path: '/api/v1/query' | '/api/v1/query_range',
  form: URLSearchParams,
): Promise<QueryAnswer> {
  const started = performance.now();
  const envelope = await call(endpoint, 'POST', path, form);
  const { data, warnings } = toQueryResult(readData(envelope, WireResultSchema, endpoint.name, path));
  return {
    data,
    warnings: [...envelope.warnings, ...warnings],
    durationMs: Math.round(performance.now() - started),
  };
}

/** POST /api/v1/query, as Prometheus's own UI sends it, so a long expression fits. */
export function instantQuery(
  endpoint: PrometheusEndpoint,
  query: string,
  time?: number,
): Promise<QueryAnswer> {
  const form = new URLSearchParams({ query });
  if (time !== undefined) form.set('time', seconds(time));
  return evaluate(endpoint, '/api/v1/query', form);
}

/** POST /api/v1/query_range; a range Prometheus would refuse for its points is refused before it is sent. */
export async function rangeQuery(endpoint: PrometheusEndpoint, range: RangeQuery): Promise<QueryAnswer> {
  checkRangeResolution(range.start, range.end, range.stepSeconds);
  const form = new URLSearchParams({
    query: range.query,
    start: seconds(range.start),
    end: seconds(range.end),
    step: String(range.stepSeconds),
  });
  return evaluate(endpoint, '/api/v1/query_range', form);
}

export interface NamesQuery {
  /** Values of this label; label names when absent. */
  label?: string;
  match: readonly string[];
  limit: number;
}

/**
 * GET /api/v1/labels or /api/v1/label/<name>/values. Servers before Prometheus 2.51 ignore
 * `limit`, so the list is cut here too.
 */
export async function names(endpoint: PrometheusEndpoint, request: NamesQuery): Promise<string[]> {
  const params = new URLSearchParams();
  for (const selector of request.match) params.append('match[]', selector);
  params.set('limit', String(request.limit));
  const base =
    request.label === undefined
      ? '/api/v1/labels'
      : `/api/v1/label/${encodeURIComponent(request.label)}/values`;
  const path = `${base}?${params.toString()}`;
  const envelope = await call(endpoint, 'GET', path);
  return readData(envelope, z.array(z.string()), endpoint.name, path).slice(0, request.limit);
}

/** GET /api/v1/metadata: type, help and unit per metric name (of one metric when named). */
export async function metadata(
  endpoint: PrometheusEndpoint,
  metric?: string,
): Promise<Record<string, { type: string; help: string; unit: string }[]>> {
  const path = metric ? `/api/v1/metadata?${new URLSearchParams({ metric }).toString()}` : '/api/v1/metadata';
  const envelope = await call(endpoint, 'GET', path);
  return toMetadata(readData(envelope, WireMetadataSchema, endpoint.name, path));
}

/** GET /api/v1/targets?state=active: each target's health, last scrape and last error. */
export async function targets(endpoint: PrometheusEndpoint): Promise<TargetHealth[]> {
  const path = '/api/v1/targets?state=active';
  const envelope = await call(endpoint, 'GET', path);
  return toTargets(readData(envelope, WireTargetsSchema, endpoint.name, path));
}
