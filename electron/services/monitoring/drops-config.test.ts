// Drop rules in the monitoring config: each exporter's saved drops become its scrape
// job's metric_relabel_configs, promtool accepts them, and a job shared by several hosts
// stays one job with each host's rules scoped to its target.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MonitoringSpecSchema, type MonitoringSpecInput, PromsteadError } from '@shared/contract';
import { describeWithPromtool } from '../prometheus/promtool-test-support';
import { renderMonitoringFiles } from './build-monitoring-config';
import { checkMonitoringFiles } from './check-monitoring-files';

interface RenderedJob {
  job_name: string;
  static_configs: { targets: string[] }[];
  metric_relabel_configs?: { source_labels: string[]; separator?: string; regex: string; action: string }[];
}

const idle = { metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } };

function render(input: MonitoringSpecInput): { text: string; jobs: RenderedJob[] } {
  const files = renderMonitoringFiles(MonitoringSpecSchema.parse(input));
  const text = files[0]?.content ?? '';
  return { text, jobs: (parse(text) as { scrape_configs: RenderedJob[] }).scrape_configs };
}

const mixed: MonitoringSpecInput = {
  exporters: [
    { exporter: 'node_exporter', host: '10.0.0.20', drops: [idle] },
    { exporter: 'node_exporter', host: '10.0.0.40' },
    {
      exporter: 'snmp_exporter',
      host: '10.0.0.20',
      params: {
        auths: [{ name: 'home', version: 'v2c', communitySecretId: 'snmp-community' }],
        polls: [{ module: 'if_mib', auth: 'home', targets: ['10.0.0.2'] }],
      },
      drops: [{ metric: 'ifHCInMulticastPkts|ifHCOutMulticastPkts' }],
    },
  ],
};

describe('drops in the monitoring config', () => {
  it('keeps one node job and scopes a host’s drops to its target when the hosts differ', () => {
    const { jobs } = render(mixed);
    const node = jobs.filter((job) => job.job_name.startsWith('node'));
    expect(node.map((job) => job.job_name)).toEqual(['node']);
    expect(node[0]?.metric_relabel_configs).toEqual([
      {
        source_labels: ['__name__', 'mode', 'instance'],
        separator: '\u001f',
        regex: 'node_cpu_seconds_total\\x1Fidle\\x1F10\\.0\\.0\\.20:9100',
        action: 'drop',
      },
    ]);
  });

  it('writes the rules unscoped when every target of the job has the same', () => {
    const { jobs } = render({
      exporters: [
        { exporter: 'node_exporter', host: '10.0.0.20', drops: [idle] },
        { exporter: 'node_exporter', host: '10.0.0.40', drops: [idle] },
      ],
    });
    expect(jobs[0]?.metric_relabel_configs).toEqual([
      {
        source_labels: ['__name__', 'mode'],
        separator: '\u001f',
        regex: 'node_cpu_seconds_total\\x1Fidle',
        action: 'drop',
      },
    ]);
  });

  it('gives a probing exporter’s job its drops too', () => {
    const snmp = render(mixed).jobs.find((job) => job.job_name.startsWith('snmp'));
    expect(snmp?.metric_relabel_configs).toEqual([
      { source_labels: ['__name__'], regex: 'ifHCInMulticastPkts|ifHCOutMulticastPkts', action: 'drop' },
    ]);
  });

  it('changes nothing else in prometheus.yml', () => {
    const without = render({ exporters: [{ exporter: 'node_exporter', host: '10.0.0.20' }] }).text;
    const withDrops = render({
      exporters: [{ exporter: 'node_exporter', host: '10.0.0.20', drops: [idle] }],
    }).text;
    const added = withDrops.split('\n').filter((line) => !without.split('\n').includes(line));
    expect(added.join('\n')).toMatch(/^\s+metric_relabel_configs:\n\s+- source_labels: \[__name__, mode\]\n/);
    expect(withDrops.split('\n').filter((line) => !added.includes(line))).toEqual(without.split('\n'));
  });

  it('refuses a rule RE2 would not read, naming the exporter and the rule', () => {
    const attempt = (): unknown =>
      render({
        exporters: [{ exporter: 'node_exporter', host: 'nas.lan', drops: [{ metric: 'node_(?!cpu).*' }] }],
      });
    expect(attempt).toThrow(PromsteadError);
    expect(attempt).toThrow(/exporters\[0\] \(node_exporter on nas\.lan\): Drop rule 1 .*lookaround/);
  });
});

describeWithPromtool('drops pass promtool', () => {
  it('checks a config whose jobs drop series, scoped and unscoped', async () => {
    const result = await checkMonitoringFiles(renderMonitoringFiles(MonitoringSpecSchema.parse(mixed)));
    expect(result.checks.map((check) => [check.path, check.ok, check.output])).toEqual(
      result.checks.map((check) => [check.path, true, check.output]),
    );
  });

  it('matches the golden prometheus.yml', async () => {
    await expect(render(mixed).text).toMatchFileSnapshot('__golden__/drops-prometheus.yml.golden');
  });
});
