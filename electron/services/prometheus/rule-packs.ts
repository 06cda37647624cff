// Alert rules Promstead ships, as data: one pack for exporter health and one per kind of
// exporter from the catalog. Each is rendered to a rule file and checked with promtool.
import type { AlertRule, RuleGroup } from './config-model';

export type RulePackId = 'exporter-health' | 'blackbox' | 'node' | 'databases' | 'snmp' | 'cadvisor';

export interface RulePack {
  id: RulePackId;
  title: string;
  /** File name under the rules directory that prometheus.yml lists in rule_files. */
  fileName: string;
  groups: RuleGroup[];
}

type Severity = 'critical' | 'warning';

function alert(
  name: string,
  expr: string,
  duration: string,
  severity: Severity,
  summary: string,
  description: string,
): AlertRule {
  return { alert: name, expr, for: duration, labels: { severity }, annotations: { summary, description } };
}

// tmpfs and overlay come and go with containers; squashfs (snaps) is always 100 % full.
const realFilesystems = 'fstype!~"tmpfs|overlay|squashfs|ramfs"';

function databaseDown(name: string, metric: string, product: string): AlertRule {
  return alert(
    name,
    `${metric} == 0`,
    '2m',
    'critical',
    `${product} is unreachable on {{ $labels.instance }}`,
    `The exporter {{ $labels.job }} on {{ $labels.instance }} has not reached ${product} for more than 2 minutes (${metric} == 0).`,
  );
}

export const rulePacks = [
  {
    id: 'exporter-health',
    title: 'Exporter health',
    fileName: 'exporter-health.rules.yml',
    groups: [
      {
        name: 'exporter_health',
        rules: [
          alert(
            'ExporterDown',
            'up == 0',
            '5m',
            'critical',
            'Exporter {{ $labels.job }} on {{ $labels.instance }} is down',
            'Prometheus could not scrape {{ $labels.job }} on {{ $labels.instance }} for more than 5 minutes.',
          ),
        ],
      },
    ],
  },
  {
    id: 'blackbox',
    title: 'Blackbox probes',
    fileName: 'blackbox.rules.yml',
    groups: [
      {
        name: 'blackbox',
        rules: [
          alert(
            'ProbeFailed',
            'probe_success == 0',
            '2m',
            'critical',
            'Probe of {{ $labels.instance }} failed',
            'The {{ $labels.job }} probe of {{ $labels.instance }} has failed for more than 2 minutes.',
          ),
          alert(
            'SslCertificateExpiringSoon',
            'probe_ssl_earliest_cert_expiry - time() < 86400 * 14',
            '15m',
            'warning',
            'TLS certificate of {{ $labels.instance }} expires soon',
            'The TLS certificate served by {{ $labels.instance }} expires in {{ $value | humanizeDuration }}.',
          ),
          // Averaged over 5 minutes so one slow answer does not page anyone.
          alert(
            'SlowProbe',
            'avg_over_time(probe_duration_seconds[5m]) > 1',
            '10m',
            'warning',
            'Probe of {{ $labels.instance }} is slow',
            'The {{ $labels.job }} probe of {{ $labels.instance }} has averaged {{ $value | humanize }}s over 5 minutes.',
          ),
        ],
      },
    ],
  },
  {
    id: 'node',
    title: 'Hosts (node_exporter)',
    fileName: 'node.rules.yml',
    groups: [
      {
        name: 'node',
        rules: [
          alert(
            'FilesystemAlmostFull',
            `node_filesystem_avail_bytes{${realFilesystems}} / node_filesystem_size_bytes{${realFilesystems}} < 0.10`,
            '5m',
            'warning',
            'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is almost full',
            'Only {{ $value | humanizePercentage }} of {{ $labels.mountpoint }} ({{ $labels.device }}) is free on {{ $labels.instance }}.',
          ),
          alert(
            'HighMemoryUsage',
            'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.10',
            '5m',
            'warning',
            'Memory is almost exhausted on {{ $labels.instance }}',
            'Only {{ $value | humanizePercentage }} of memory is available on {{ $labels.instance }}.',
          ),
          // Load is per CPU so a 16-core server and a Raspberry Pi share one threshold.
          alert(
            'HighLoad',
            'node_load5 / on (job, instance) count by (job, instance) (node_cpu_seconds_total{mode="idle"}) > 2',
            '15m',
            'warning',
            'High load on {{ $labels.instance }}',
            'The 5-minute load average per CPU on {{ $labels.instance }} is {{ $value | humanize }}.',
          ),
        ],
      },
    ],
  },
  {
    id: 'databases',
    title: 'Databases',
    fileName: 'databases.rules.yml',
    groups: [
      {
        name: 'databases',
        rules: [
          databaseDown('PostgresDown', 'pg_up', 'PostgreSQL'),
          databaseDown('MysqlDown', 'mysql_up', 'MySQL'),
          databaseDown('RedisDown', 'redis_up', 'Redis'),
          databaseDown('MongodbDown', 'mongodb_up', 'MongoDB'),
        ],
      },
    ],
  },
  {
    id: 'snmp',
    title: 'Network devices (SNMP)',
    fileName: 'snmp.rules.yml',
    groups: [
      {
        name: 'snmp',
        rules: [
          // IF-MIB: 1 = up, 2 = down. Ports an admin shut down on purpose stay quiet.
          alert(
            'InterfaceDown',
            'ifOperStatus == 2 and on (job, instance, ifIndex) ifAdminStatus == 1',
            '5m',
            'warning',
            'Interface {{ $labels.ifName }} on {{ $labels.instance }} is down',
            'Interface {{ $labels.ifName }} (index {{ $labels.ifIndex }}) on {{ $labels.instance }} is administratively up but operationally down.',
          ),
        ],
      },
    ],
  },
  {
    id: 'cadvisor',
    title: 'Containers (cAdvisor)',
    fileName: 'cadvisor.rules.yml',
    groups: [
      {
        name: 'cadvisor',
        rules: [
          // A restart keeps the container's series but moves its start time.
          alert(
            'ContainerRestarting',
            'changes(container_start_time_seconds{name!=""}[15m]) > 2',
            '0m',
            'warning',
            'Container {{ $labels.name }} on {{ $labels.instance }} keeps restarting',
            'Container {{ $labels.name }} on {{ $labels.instance }} restarted {{ $value }} times in 15 minutes.',
          ),
          alert(
            'ContainerHighCpu',
            'sum by (job, instance, name) (rate(container_cpu_usage_seconds_total{name!=""}[5m])) / on (job, instance) group_left max by (job, instance) (machine_cpu_cores) > 0.8',
            '15m',
            'warning',
            'Container {{ $labels.name }} on {{ $labels.instance }} uses most of the CPU',
            'Container {{ $labels.name }} on {{ $labels.instance }} has used {{ $value | humanizePercentage }} of the host CPU for 15 minutes.',
          ),
        ],
      },
    ],
  },
] satisfies readonly RulePack[];

export function rulePackById(id: RulePackId): RulePack {
  const pack = rulePacks.find((candidate) => candidate.id === id);
  if (!pack) throw new Error(`Unknown rule pack "${id}"`);
  return pack;
}

/** The groups of a pack, keeping only the named alerts when names are given. */
export function rulePackGroups(id: RulePackId, alertNames?: readonly string[]): RuleGroup[] {
  return rulePackById(id)
    .groups.map((group) => ({
      ...group,
      rules: group.rules.filter(
        (rule) => !alertNames || ('alert' in rule && alertNames.includes(rule.alert)),
      ),
    }))
    .filter((group) => group.rules.length > 0);
}

/**
 * The exporter-health pack's ExporterDown rule for the given scrape jobs only, so each
 * exporter's rule file alerts for its own targets and two files never alert twice.
 */
export function exporterDownRule(jobNames: readonly string[]): AlertRule {
  if (jobNames.length === 0 || jobNames.some((name) => !/^[A-Za-z0-9_:-]+$/.test(name))) {
    // These characters mean nothing in a regex or a PromQL string, so no escaping is needed.
    throw new Error(`Job names must be letters, digits, _ : or -: ${jobNames.join(', ')}`);
  }
  const [rule] = rulePackGroups('exporter-health', ['ExporterDown'])[0]?.rules ?? [];
  if (!rule || !('alert' in rule)) throw new Error('The exporter-health pack lost ExporterDown');
  const jobs = [...new Set(jobNames)].sort().join('|');
  return { ...rule, expr: rule.expr.replace(/^up\b/, `up{job=~"${jobs}"}`) };
}
