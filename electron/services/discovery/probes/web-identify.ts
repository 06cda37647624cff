// What an HTTP(S) port serves: status, Server header and page title from GET /, and
// the exporter behind it when GET /metrics is exposition text we recognise.
import type { Service } from '@shared/contract';
import { dockerBannerFromVersion } from './docker-probe';
import { extractTitle, maxTitleScanChars } from './html-title';
import { httpGet } from './http-probe';
import { identifyExporter, serviceForExporter } from './metrics-identify';
import { printableText } from './printable-text';
import type { ProbeScope } from './probe-scope';

export interface WebTarget {
  scope: ProbeScope;
  address: string;
  port: number;
  timeoutMs: number;
}

/**
 * Exporters sort their families by name, so build_info can sit behind a large
 * node_cpu/node_disk section on a big host; 1 MiB covers that and still bounds a huge page.
 */
const maxMetricsBytes = 1024 * 1024;
const exposition = 'text/plain;version=0.0.4;q=0.9,application/openmetrics-text;q=0.5,*/*;q=0.1';

export interface WebOutcome {
  /** Absent when the port gave no HTTP answer over this scheme. */
  service?: Service;
  /** Nothing at all came back: not an answer, not an error. */
  silent: boolean;
}

export async function identifyWeb(target: WebTarget, tls: boolean): Promise<WebOutcome> {
  const request = { address: target.address, port: target.port, tls, timeoutMs: target.timeoutMs };
  const [rootResult, metricsResult] = await Promise.all([
    httpGet(target.scope, { ...request, path: '/', maxBytes: maxTitleScanChars }),
    httpGet(target.scope, { ...request, path: '/metrics', maxBytes: maxMetricsBytes, accept: exposition }),
  ]);
  const root = rootResult.answer;
  const metrics = metricsResult.answer;
  if (!root && !metrics) return { silent: rootResult.silent && metricsResult.silent };
  const service: Service = { port: target.port, service: tls ? 'https' : 'http' };
  if (root) {
    service.httpStatus = root.status;
    const server = root.headers.server;
    const serverText = typeof server === 'string' ? printableText(server, 200) : undefined;
    if (serverText) service.httpServer = serverText;
    const title = extractTitle(root.body);
    if (title) service.httpTitle = title;
  }
  const exporter = metrics?.status === 200 ? identifyExporter(metrics.body) : undefined;
  if (exporter) {
    service.service = serviceForExporter(exporter.name);
    service.exporter = exporter;
  }
  return { service, silent: false };
}

/** The Docker Engine API on this port over plain HTTP, as a service; undefined if it is not one. */
export async function identifyDocker(target: WebTarget): Promise<Service | undefined> {
  const { answer } = await httpGet(target.scope, {
    address: target.address,
    port: target.port,
    tls: false,
    path: '/version',
    timeoutMs: target.timeoutMs,
    maxBytes: 16 * 1024,
    accept: 'application/json',
  });
  const banner = answer?.status === 200 ? dockerBannerFromVersion(answer.body) : undefined;
  return banner ? { port: target.port, service: 'docker', banner } : undefined;
}
