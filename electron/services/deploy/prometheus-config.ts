// The Prometheus Promstead deploys scrapes what Promstead deployed: its prometheus.yml and
// rule file are rendered from the deployment records (plus what the current request
// deploys), and after a deploy it must report every target up.
import {
  type DeploymentRecord,
  type ExporterId,
  type Host,
  type MonitoredExporter,
  prometheusGeneratedParams,
  type SavedDrops,
  type Verification,
  withoutGeneratedConfig,
} from '@shared/contract';
import { dropsOf, renderMonitoringFiles, specFromDeployments } from '../monitoring';
import { fetchHttp, waitForTargetsUp, type PrometheusHttp } from '../prometheus';

export interface PlannedExporter {
  exporter: ExporterId;
  params: Record<string, unknown>;
}

/**
 * Prometheus's params with its config rendered from every recorded deployment, where the
 * ones on this host that the request redeploys are taken as the request gives them. Each
 * scrape job carries the drop rules saved for its deployment.
 */
export function prometheusParams(
  prometheus: Record<string, unknown>,
  host: Host,
  request: readonly PlannedExporter[],
  records: readonly DeploymentRecord[],
  hosts: readonly Host[],
  drops: readonly SavedDrops[] = [],
): Record<string, unknown> {
  if (prometheusGeneratedParams.some((key) => key in prometheus)) return prometheus;
  const redeployed = new Set(request.map((entry) => entry.exporter));
  const kept = records.filter((record) => !(record.hostId === host.id && redeployed.has(record.exporter)));
  const spec = specFromDeployments(kept, hosts, undefined, drops);
  const requested: MonitoredExporter[] = request.map((entry) => ({
    exporter: entry.exporter,
    host: host.address,
    tier: entry.exporter === 'blackbox_exporter' ? 'critical' : 'standard',
    params: entry.exporter === 'prometheus' ? withoutGeneratedConfig(entry.params) : entry.params,
    labels: { host: host.name },
    ...dropsOf(drops, host.id, entry.exporter),
  }));
  const [config, rules] = renderMonitoringFiles({ ...spec, exporters: [...spec.exporters, ...requested] });
  return {
    ...prometheus,
    ...(config ? { configContent: config.content } : {}),
    ...(rules ? { rulesContent: rules.content } : {}),
  };
}

/** `- job_name: x` lines of the YAML Prometheus gives back (its own marshalling: one per job). */
const jobNameLine = /^\s*-?\s*job_name:\s*["']?([^"'\s]+)["']?\s*$/gm;

/**
 * The jobs of the config Prometheus has loaded. After a reload its targets list still shows
 * the previous jobs for a few seconds (discovery hands new targets over every 5 s), so a
 * verdict without the new jobs would be premature. None when Prometheus will not say.
 */
export async function loadedJobs(http: PrometheusHttp): Promise<string[]> {
  try {
    const { status, body } = await http('GET', '/api/v1/status/config');
    if (status !== 200) return [];
    const yaml = (JSON.parse(body) as { data?: { yaml?: unknown } }).data?.yaml;
    if (typeof yaml !== 'string') return [];
    return [...yaml.matchAll(jobNameLine)].flatMap((match) => (match[1] ? [match[1]] : []));
  } catch {
    return [];
  }
}

/**
 * Asks the deployed Prometheus whether every target is up. A target's first scrape comes
 * within one scrape interval (30 s for the standard tier) after Prometheus hands it to its
 * scrapers (every 5 s), so the wait is bounded at a minute by default.
 */
export async function verifyPrometheusTargets(
  address: string,
  port: number,
  options: { signal?: AbortSignal; attempts?: number; intervalMs?: number } = {},
): Promise<Verification> {
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const http = fetchHttp(url);
  const verdict = await waitForTargetsUp(http, {
    expectedJobs: await loadedJobs(http),
    attempts: options.attempts ?? 60,
    intervalMs: options.intervalMs ?? 1000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const down = verdict.targets.filter((target) => target.health !== 'up');
  return {
    exporter: 'prometheus',
    ok: verdict.allUp,
    url: `${url}/api/v1/targets`,
    missingMetrics: [],
    samples: verdict.targets.map((target) => ({
      series: `up{job="${target.job}",instance="${target.instance}"}`,
      value: target.health === 'up' ? '1' : '0',
    })),
    ...(verdict.allUp
      ? { message: `All ${verdict.targets.length} targets are up.` }
      : {
          message: `Not up: ${down.map((target) => `${target.job} ${target.instance} (${target.lastError || target.health})`).join('; ')}`,
        }),
  };
}
