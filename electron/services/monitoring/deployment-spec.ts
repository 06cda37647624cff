// The monitoring spec of what Promstead deployed: every recorded exporter, scraped where
// it runs, so the Prometheus Promstead deploys covers exactly the recorded deployments.
import type { DeploymentRecord, Host, MonitoredExporter, MonitoringSpec, SavedDrops } from '@shared/contract';

/** `drops`: the saved drop rules, attached to the record of the same host and exporter. */
export function specFromDeployments(
  records: readonly DeploymentRecord[],
  hosts: readonly Host[],
  global: MonitoringSpec['global'] = { externalLabels: {} },
  drops: readonly SavedDrops[] = [],
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
      ...dropsOf(drops, record.hostId, record.exporter),
    });
  }
  return { global, exporters, alertmanagers: [] };
}

/** `{ drops }` for a spec entry when rules are saved for this host and exporter. */
export function dropsOf(
  drops: readonly SavedDrops[],
  hostId: string,
  exporter: string,
): Pick<MonitoredExporter, 'drops'> {
  const rules = drops.find((entry) => entry.hostId === hostId && entry.exporter === exporter)?.rules ?? [];
  return rules.length > 0 ? { drops: rules } : {};
}
