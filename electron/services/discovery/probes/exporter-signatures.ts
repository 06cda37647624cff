// How a /metrics page gives away the program serving it: a metric family only that
// program exposes, and the label that carries its version. Order is priority.
import type { ExporterId } from '@shared/contract';

export interface ExporterSignature {
  exporter: ExporterId;
  /** A metric family this program exposes about itself. */
  metric: string;
  /** The label holding the program's version. */
  versionLabel?: string;
  /** For a family many programs share: a label that must match for this one. */
  where?: { label: string; pattern: RegExp };
}

export const exporterSignatures = [
  // The Pushgateway re-exposes whatever was pushed to it, other programs' build_info
  // included, so its own family must win over everything below.
  { exporter: 'pushgateway', metric: 'pushgateway_build_info', versionLabel: 'version' },
  { exporter: 'prometheus', metric: 'prometheus_build_info', versionLabel: 'version' },
  { exporter: 'cadvisor', metric: 'cadvisor_version_info', versionLabel: 'cadvisorVersion' },
  { exporter: 'node_exporter', metric: 'node_exporter_build_info', versionLabel: 'version' },
  { exporter: 'windows_exporter', metric: 'windows_exporter_build_info', versionLabel: 'version' },
  // windows_exporter was called wmi_exporter before 0.13; old installs still run it.
  { exporter: 'windows_exporter', metric: 'wmi_exporter_build_info', versionLabel: 'version' },
  { exporter: 'blackbox_exporter', metric: 'blackbox_exporter_build_info', versionLabel: 'version' },
  { exporter: 'snmp_exporter', metric: 'snmp_exporter_build_info', versionLabel: 'version' },
  { exporter: 'mysqld_exporter', metric: 'mysqld_exporter_build_info', versionLabel: 'version' },
  { exporter: 'redis_exporter', metric: 'redis_exporter_build_info', versionLabel: 'version' },
  // Debian's 0.11.1 (the lab's) emits postgres_exporter_build_info, as upstream does.
  { exporter: 'postgres_exporter', metric: 'postgres_exporter_build_info', versionLabel: 'version' },
  // Vonng's pg_exporter (Pigsty) watches the same database and fills the same role.
  { exporter: 'postgres_exporter', metric: 'pg_exporter_build_info', versionLabel: 'version' },
  { exporter: 'mongodb_exporter', metric: 'mongodb_exporter_build_info', versionLabel: 'version' },
  // Percona's exporter labels its own scrape timings, also in builds without build_info.
  {
    exporter: 'mongodb_exporter',
    metric: 'collector_scrape_time_ms',
    where: { label: 'exporter', pattern: /^mongodb$/ },
  },
  { exporter: 'unpoller', metric: 'unpoller_build_info', versionLabel: 'version' },
  // Its name before the project moved to the unpoller organisation.
  { exporter: 'unpoller', metric: 'unifipoller_build_info', versionLabel: 'version' },
  // Recent unpoller registers only Go's build-info collector, whose path names the module.
  {
    exporter: 'unpoller',
    metric: 'go_build_info',
    versionLabel: 'version',
    where: { label: 'path', pattern: /^github\.com\/unpoller\/unpoller(\/|$)/ },
  },
] as const satisfies readonly ExporterSignature[];
