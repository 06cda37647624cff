import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRules, testRules } from './promtool';
import { describeWithPromtool } from './promtool-test-support';
import { renderRuleFile } from './render-rules';
import { rulePackById, rulePacks, type RulePack, type RulePackId } from './rule-packs';
import { toYamlText, type YamlValue } from './yaml-text';

const shippedRulesDir = join(import.meta.dirname, '..', '..', '..', 'resources', 'rules');

interface ExpectedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface AlertCase {
  alertname: string;
  evalTime: string;
  /** Alerts that must be firing then; an empty list means none may fire. */
  expected: ExpectedAlert[];
}

interface PackTest {
  /** Series in promtool's notation: `metric{labels}` → `values` at 1m steps from time 0. */
  series: Record<string, string>;
  cases: AlertCase[];
}

function testsYaml(test: PackTest): string {
  const document: { [key: string]: YamlValue } = {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: Object.entries(test.series).map(([series, values]) => ({ series, values })),
        alert_rule_test: test.cases.map((alertCase) => ({
          eval_time: alertCase.evalTime,
          alertname: alertCase.alertname,
          exp_alerts: alertCase.expected.map((alert) => ({
            exp_labels: alert.labels,
            exp_annotations: alert.annotations,
          })),
        })),
      },
    ],
  };
  return toYamlText(document);
}

// Each pack: series that should fire next to series that should not, checked at a time
// after the rule's `for` and, where it matters, before it.
const packTests: Record<RulePackId, PackTest> = {
  'exporter-health': {
    series: { 'up{job="node",instance="a"}': '0x10', 'up{job="node",instance="b"}': '1x10' },
    cases: [
      { alertname: 'ExporterDown', evalTime: '4m', expected: [] },
      {
        alertname: 'ExporterDown',
        evalTime: '6m',
        expected: [
          {
            labels: { severity: 'critical', job: 'node', instance: 'a' },
            annotations: {
              summary: 'Exporter node on a is down',
              description: 'Prometheus could not scrape node on a for more than 5 minutes.',
            },
          },
        ],
      },
    ],
  },
  blackbox: {
    series: {
      'probe_success{job="blackbox_http",instance="https://down.lan"}': '0x30',
      'probe_success{job="blackbox_http",instance="https://up.lan"}': '1x30',
      // promtool starts at time 0, so an expiry 7 days ahead is 604800 seconds.
      'probe_ssl_earliest_cert_expiry{job="blackbox_http",instance="https://soon.lan"}': '604800x30',
      'probe_ssl_earliest_cert_expiry{job="blackbox_http",instance="https://later.lan"}': '2592000x30',
      'probe_duration_seconds{job="blackbox_http",instance="https://slow.lan"}': '2x30',
      'probe_duration_seconds{job="blackbox_http",instance="https://fast.lan"}': '0.2x30',
    },
    cases: [
      { alertname: 'ProbeFailed', evalTime: '1m', expected: [] },
      {
        alertname: 'ProbeFailed',
        evalTime: '3m',
        expected: [
          {
            labels: { severity: 'critical', job: 'blackbox_http', instance: 'https://down.lan' },
            annotations: {
              summary: 'Probe of https://down.lan failed',
              description: 'The blackbox_http probe of https://down.lan has failed for more than 2 minutes.',
            },
          },
        ],
      },
      {
        alertname: 'SslCertificateExpiringSoon',
        evalTime: '20m',
        expected: [
          {
            labels: { severity: 'warning', job: 'blackbox_http', instance: 'https://soon.lan' },
            annotations: {
              summary: 'TLS certificate of https://soon.lan expires soon',
              // 604800 s minus the 1200 s that have passed at 20m.
              description: 'The TLS certificate served by https://soon.lan expires in 6d 23h 40m 0s.',
            },
          },
        ],
      },
      {
        alertname: 'SlowProbe',
        evalTime: '15m',
        expected: [
          {
            labels: { severity: 'warning', job: 'blackbox_http', instance: 'https://slow.lan' },
            annotations: {
              summary: 'Probe of https://slow.lan is slow',
              description: 'The blackbox_http probe of https://slow.lan has averaged 2s over 5 minutes.',
            },
          },
        ],
      },
    ],
  },
  node: {
    series: {
      'node_filesystem_avail_bytes{job="node",instance="a",device="/dev/sda1",mountpoint="/",fstype="ext4"}':
        '5x30',
      'node_filesystem_size_bytes{job="node",instance="a",device="/dev/sda1",mountpoint="/",fstype="ext4"}':
        '100x30',
      'node_filesystem_avail_bytes{job="node",instance="a",device="/dev/sdb1",mountpoint="/data",fstype="ext4"}':
        '50x30',
      'node_filesystem_size_bytes{job="node",instance="a",device="/dev/sdb1",mountpoint="/data",fstype="ext4"}':
        '100x30',
      'node_filesystem_avail_bytes{job="node",instance="a",device="tmpfs",mountpoint="/run",fstype="tmpfs"}':
        '1x30',
      'node_filesystem_size_bytes{job="node",instance="a",device="tmpfs",mountpoint="/run",fstype="tmpfs"}':
        '100x30',
      'node_filesystem_avail_bytes{job="node",instance="a",device="overlay",mountpoint="/var/lib/docker/x",fstype="overlay"}':
        '1x30',
      'node_filesystem_size_bytes{job="node",instance="a",device="overlay",mountpoint="/var/lib/docker/x",fstype="overlay"}':
        '100x30',
      'node_memory_MemAvailable_bytes{job="node",instance="a"}': '500000000x30',
      'node_memory_MemTotal_bytes{job="node",instance="a"}': '10000000000x30',
      'node_memory_MemAvailable_bytes{job="node",instance="b"}': '5000000000x30',
      'node_memory_MemTotal_bytes{job="node",instance="b"}': '10000000000x30',
      'node_load5{job="node",instance="a"}': '10x30',
      'node_cpu_seconds_total{job="node",instance="a",cpu="0",mode="idle"}': '0+30x30',
      'node_cpu_seconds_total{job="node",instance="a",cpu="1",mode="idle"}': '0+30x30',
      'node_cpu_seconds_total{job="node",instance="a",cpu="0",mode="user"}': '0+30x30',
      'node_load5{job="node",instance="b"}': '3x30',
      'node_cpu_seconds_total{job="node",instance="b",cpu="0",mode="idle"}': '0+30x30',
      'node_cpu_seconds_total{job="node",instance="b",cpu="1",mode="idle"}': '0+30x30',
      'node_cpu_seconds_total{job="node",instance="b",cpu="2",mode="idle"}': '0+30x30',
      'node_cpu_seconds_total{job="node",instance="b",cpu="3",mode="idle"}': '0+30x30',
    },
    cases: [
      {
        alertname: 'FilesystemAlmostFull',
        evalTime: '10m',
        expected: [
          {
            labels: {
              severity: 'warning',
              job: 'node',
              instance: 'a',
              device: '/dev/sda1',
              mountpoint: '/',
              fstype: 'ext4',
            },
            annotations: {
              summary: 'Filesystem / on a is almost full',
              description: 'Only 5% of / (/dev/sda1) is free on a.',
            },
          },
        ],
      },
      {
        alertname: 'HighMemoryUsage',
        evalTime: '10m',
        expected: [
          {
            labels: { severity: 'warning', job: 'node', instance: 'a' },
            annotations: {
              summary: 'Memory is almost exhausted on a',
              description: 'Only 5% of memory is available on a.',
            },
          },
        ],
      },
      { alertname: 'HighLoad', evalTime: '10m', expected: [] },
      {
        alertname: 'HighLoad',
        evalTime: '20m',
        expected: [
          {
            labels: { severity: 'warning', job: 'node', instance: 'a' },
            annotations: {
              summary: 'High load on a',
              description: 'The 5-minute load average per CPU on a is 5.',
            },
          },
        ],
      },
    ],
  },
  databases: {
    series: {
      'pg_up{job="postgres",instance="db:9187"}': '0x10',
      'pg_up{job="postgres",instance="db2:9187"}': '1x10',
      'mysql_up{job="mysql",instance="db:9104"}': '0x10',
      'redis_up{job="redis",instance="cache:9121"}': '0x10',
      'mongodb_up{job="mongodb",instance="docs:9216"}': '0x10',
      'mongodb_up{job="mongodb",instance="docs2:9216"}': '1x10',
    },
    cases: (
      [
        ['PostgresDown', 'pg_up', 'PostgreSQL', 'postgres', 'db:9187'],
        ['MysqlDown', 'mysql_up', 'MySQL', 'mysql', 'db:9104'],
        ['RedisDown', 'redis_up', 'Redis', 'redis', 'cache:9121'],
        ['MongodbDown', 'mongodb_up', 'MongoDB', 'mongodb', 'docs:9216'],
      ] as const
    ).flatMap(([alertname, metric, product, job, instance]) => [
      { alertname, evalTime: '1m', expected: [] },
      {
        alertname,
        evalTime: '3m',
        expected: [
          {
            labels: { severity: 'critical', job, instance },
            annotations: {
              summary: `${product} is unreachable on ${instance}`,
              description: `The exporter ${job} on ${instance} has not reached ${product} for more than 2 minutes (${metric} == 0).`,
            },
          },
        ],
      },
    ]),
  },
  snmp: {
    series: {
      'ifOperStatus{job="snmp",instance="sw1",ifIndex="1",ifName="eth1"}': '2x10',
      'ifAdminStatus{job="snmp",instance="sw1",ifIndex="1",ifName="eth1"}': '1x10',
      'ifOperStatus{job="snmp",instance="sw1",ifIndex="2",ifName="eth2"}': '2x10',
      'ifAdminStatus{job="snmp",instance="sw1",ifIndex="2",ifName="eth2"}': '2x10',
      'ifOperStatus{job="snmp",instance="sw1",ifIndex="3",ifName="eth3"}': '1x10',
      'ifAdminStatus{job="snmp",instance="sw1",ifIndex="3",ifName="eth3"}': '1x10',
    },
    cases: [
      {
        alertname: 'InterfaceDown',
        evalTime: '6m',
        expected: [
          {
            labels: { severity: 'warning', job: 'snmp', instance: 'sw1', ifIndex: '1', ifName: 'eth1' },
            annotations: {
              summary: 'Interface eth1 on sw1 is down',
              description: 'Interface eth1 (index 1) on sw1 is administratively up but operationally down.',
            },
          },
        ],
      },
    ],
  },
  cadvisor: {
    series: {
      'container_start_time_seconds{job="cadvisor",instance="h",name="flappy"}': '1 2 3 4 4x20',
      'container_start_time_seconds{job="cadvisor",instance="h",name="steady"}': '1x24',
      'container_cpu_usage_seconds_total{job="cadvisor",instance="h",name="busy",cpu="total"}': '0+108x30',
      'container_cpu_usage_seconds_total{job="cadvisor",instance="h",name="idle",cpu="total"}': '0+6x30',
      'machine_cpu_cores{job="cadvisor",instance="h"}': '2x30',
    },
    cases: [
      {
        alertname: 'ContainerRestarting',
        evalTime: '5m',
        expected: [
          {
            labels: { severity: 'warning', job: 'cadvisor', instance: 'h', name: 'flappy' },
            annotations: {
              summary: 'Container flappy on h keeps restarting',
              description: 'Container flappy on h restarted 3 times in 15 minutes.',
            },
          },
        ],
      },
      {
        alertname: 'ContainerHighCpu',
        evalTime: '20m',
        expected: [
          {
            labels: { severity: 'warning', job: 'cadvisor', instance: 'h', name: 'busy' },
            annotations: {
              summary: 'Container busy on h uses most of the CPU',
              description: 'Container busy on h has used 90% of the host CPU for 15 minutes.',
            },
          },
        ],
      },
    ],
  },
};

describe('rulePacks', () => {
  it('have unique ids, file names and alert names', () => {
    // Widened so a recording rule added to a pack later is counted too.
    const packs: readonly RulePack[] = rulePacks;
    const alerts = packs.flatMap((pack) =>
      pack.groups.flatMap((group) => group.rules.map((rule) => ('alert' in rule ? rule.alert : rule.record))),
    );
    expect(new Set(rulePacks.map((pack) => pack.id)).size).toBe(rulePacks.length);
    expect(new Set(rulePacks.map((pack) => pack.fileName)).size).toBe(rulePacks.length);
    expect(new Set(alerts).size).toBe(alerts.length);
  });

  it('give every alert a severity, a summary and a description', () => {
    for (const rule of rulePacks.flatMap((pack) => pack.groups.flatMap((group) => group.rules))) {
      if (!('alert' in rule)) continue;
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
  });

  it('has a promtool test for every alert it ships', () => {
    for (const pack of rulePacks) {
      const tested = new Set(packTests[pack.id].cases.map((alertCase) => alertCase.alertname));
      for (const rule of pack.groups.flatMap((group) => group.rules)) {
        if ('alert' in rule) expect(tested, `${pack.id}/${rule.alert}`).toContain(rule.alert);
      }
    }
  });

  it.each(rulePacks.map((pack) => [pack.id, pack] as const))(
    '%s is shipped in resources/rules as rendered',
    (_id, pack) => {
      expect(readFileSync(join(shippedRulesDir, pack.fileName), 'utf8')).toBe(renderRuleFile(pack.groups));
    },
  );
});

describeWithPromtool('rule packs under promtool', () => {
  it.each(rulePacks.map((pack) => [pack.id] as const))('%s passes promtool check rules', async (id) => {
    const result = await checkRules(renderRuleFile(rulePackById(id).groups));
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });

  it.each(rulePacks.map((pack) => [pack.id] as const))(
    '%s fires on bad series only (promtool test rules)',
    async (id) => {
      const result = await testRules(renderRuleFile(rulePackById(id).groups), testsYaml(packTests[id]));
      expect(result.output).toContain('SUCCESS');
      expect(result.ok).toBe(true);
    },
  );
});
