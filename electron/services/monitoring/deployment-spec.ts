// The monitoring spec of what Promstead deployed: every recorded exporter, scraped where
// it runs, so the Prometheus Promstead deploys covers exactly the recorded deployments.
import type { DeploymentRecord, Host, MonitoredExporter, MonitoringSpec } from '@shared/contract';

export function specFromDeployments(
  records: readonly DeploymentRecord[],
  hosts: readonly Host[],
  global: MonitoringSpec['global'] = { externalLabels: {} },
): MonitoringSpec {
  const hostsById = new Map(hosts.map((host) => [host.id, host]));
  const exporters: MonitoredExporter[] = [];
  for (const record of records) {
    const host = hostsById.get(record.hostId);
    // A forgotten host's deployments still run; Prometheus keeps scraping them by address.
    const address = host?.address ?? record.scrapeAddress.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    exporters.push({
      exporter: record.exporter,
      host: address,
      tier: record.exporter === 'blackbox_exporter' ? 'critical' : 'standard',
      params: record.params,
      labels: { host: host?.name ?? address },
    });
  }
  return { global, exporters, alertmanagers: [] };
}
