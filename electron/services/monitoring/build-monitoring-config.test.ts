import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MonitoringSpecSchema, type MonitoringSpecInput } from '@shared/contract';
import { describeWithPromtool } from '../prometheus/promtool-test-support';
import {
  buildMonitoringConfig,
  mergeMonitoringFiles,
  renderMonitoringFiles,
} from './build-monitoring-config';
import { checkMonitoringFiles } from './check-monitoring-files';

const spec = (input: MonitoringSpecInput): ReturnType<typeof MonitoringSpecSchema.parse> =>
  MonitoringSpecSchema.parse(input);

const homelab = spec({
  global: { externalLabels: { environment: 'home', datacenter: 'closet' } },
  exporters: [
    { exporter: 'node_exporter', host: 'nas.lan', labels: { role: 'nas' } },
    { exporter: 'node_exporter', host: '10.0.0.5', labels: { role: 'nas' } },
    { exporter: 'node_exporter', host: 'router.lan', tier: 'critical' },
    { exporter: 'redis_exporter', host: 'nas.lan' },
    { exporter: 'pushgateway', host: 'nas.lan', tier: 'low' },
    {
      exporter: 'blackbox_exporter',
      host: 'nas.lan',
      tier: 'critical',
      params: {
        modules: [
          { preset: 'icmp', targets: ['10.0.0.1', '10.0.0.2'] },
          { preset: 'http_2xx', targets: ['https://grafana.lan'] },
        ],
      },
    },
    {
      exporter: 'snmp_exporter',
      host: 'nas.lan',
      tier: 'low',
      params: {
        auths: [{ name: 'home_v2', version: 'v2c', communitySecretId: 'snmp-community' }],
        polls: [{ module: 'if_mib', auth: 'home_v2', targets: ['10.0.0.2'] }],
      },
    },
    { exporter: 'postgres_exporter', host: 'db.lan', params: { passwordSecretId: 'postgres-password' } },
  ],
  alertmanagers: ['alertmanager.lan:9093'],
});

interface RenderedConfig {
  global: { external_labels: Record<string, string> };
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    scrape_interval: string;
    honor_labels?: boolean;
    static_configs: { targets: string[]; labels?: Record<string, string> }[];
    params?: Record<string, string[]>;
  }[];
}

function renderedConfig(input: ReturnType<typeof spec>): RenderedConfig {
  const files = renderMonitoringFiles(input);
  expect(files[0]?.path).toBe('prometheus.yml');
  return parse(files[0]?.content ?? '') as RenderedConfig;
}

describe('buildMonitoringConfig', () => {
  it('merges one exporter on several hosts into one job, and splits another tier off', () => {
    const config = renderedConfig(homelab);
    const node = config.scrape_configs.find((job) => job.job_name === 'node');
    expect(node?.scrape_interval).toBe('30s');
    expect(node?.static_configs).toEqual([
      { targets: ['10.0.0.5:9100', 'nas.lan:9100'], labels: { role: 'nas', tier: 'standard' } },
    ]);
    const critical = config.scrape_configs.find((job) => job.job_name === 'node_critical');
    expect(critical?.scrape_interval).toBe('15s');
    expect(critical?.static_configs).toEqual([
      { targets: ['router.lan:9100'], labels: { tier: 'critical' } },
    ]);
  });

  it('renders probes and SNMP polls with the multi-target pattern, pushgateway with honor_labels', () => {
    const config = renderedConfig(homelab);
    const icmp = config.scrape_configs.find((job) => job.job_name === 'blackbox_icmp');
    expect(icmp?.params).toEqual({ module: ['icmp'] });
    expect(icmp?.static_configs[0]?.targets).toEqual(['10.0.0.1', '10.0.0.2']);
    const snmp = config.scrape_configs.find((job) => job.job_name.startsWith('snmp_if_mib'));
    expect(snmp?.params).toEqual({ module: ['if_mib'], auth: ['home_v2'] });
    expect(config.scrape_configs.find((job) => job.job_name === 'pushgateway')?.honor_labels).toBe(true);
    expect(config.global.external_labels).toEqual({ environment: 'home', datacenter: 'closet' });
  });

  it('gathers every exporter’s alert rules into one rule file the config names', () => {
    const files = renderMonitoringFiles(homelab);
    expect(files.map((file) => file.path)).toEqual(['prometheus.yml', 'rules/promstead.yml']);
    expect(renderedConfig(homelab).rule_files).toEqual(['rules/promstead.yml']);
    const { ruleGroups } = buildMonitoringConfig(homelab);
    const names = ruleGroups.map((group) => group.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['node_exporter_health', 'redis_exporter_health']));
    // Two databases give one "databases" group holding both of their alerts.
    const alerts = (ruleGroups.find((group) => group.name === 'databases')?.rules ?? []).map((rule) =>
      'alert' in rule ? rule.alert : rule.record,
    );
    expect(alerts).toHaveLength(2);
    expect(alerts.join(' ')).toMatch(/Postgres/);
    expect(alerts.join(' ')).toMatch(/Redis/);
  });

  it('renders the same bytes whatever order the exporters come in', () => {
    const reversed = spec({ ...homelab, exporters: [...homelab.exporters].reverse() });
    expect(renderMonitoringFiles(reversed)).toEqual(renderMonitoringFiles(homelab));
  });

  it('names the entry whose parameters are wrong, and refuses ids the catalog lacks', () => {
    const badPort = spec({
      exporters: [{ exporter: 'node_exporter', host: 'nas', params: { port: 99999 } }],
    });
    expect(() => buildMonitoringConfig(badPort)).toThrow(/exporters\[0\] \(node_exporter on nas\): port/);
    const notInCatalog = spec({ exporters: [{ exporter: 'blackbox_icmp', host: 'nas' }] });
    expect(() => buildMonitoringConfig(notInCatalog)).toThrow(/not in the catalog/);
  });

  it('refuses labels Prometheus reserves and hosts with spaces, before promtool sees them', () => {
    const reserved = spec({
      exporters: [{ exporter: 'node_exporter', host: 'nas', labels: { __address__: 'evil:1' } }],
    });
    expect(() => buildMonitoringConfig(reserved)).toThrow(/reserved/);
    const spaced = spec({ exporters: [{ exporter: 'node_exporter', host: 'nas lan' }] });
    expect(() => buildMonitoringConfig(spaced)).toThrow(/VALIDATION|valid|spaces/);
  });
});

describe('mergeMonitoringFiles', () => {
  const theirs = `# my homelab, by hand
global:
  scrape_interval: 20s
remote_write:
  - url: https://metrics.example.net/api/v1/push
rule_files:
  - my-rules.yml
scrape_configs:
  - job_name: node # the old one
    static_configs: [{ targets: ['old-host:9100'] }]
  - job_name: files
    file_sd_configs: [{ files: ['/etc/prometheus/targets/*.json'] }]
`;

  it('keeps everything of the user’s file but the jobs Promstead owns, and says which it replaced', () => {
    const { files, notes } = mergeMonitoringFiles(theirs, homelab);
    const merged = files[0]?.content ?? '';
    expect(merged).toContain('# my homelab, by hand');
    expect(merged).toContain('https://metrics.example.net/api/v1/push');
    expect(merged).not.toContain('old-host:9100');
    const config = parse(merged) as RenderedConfig & { global: { scrape_interval: string } };
    expect(config.global.scrape_interval).toBe('20s');
    expect(config.scrape_configs.map((job) => job.job_name)).toEqual(
      expect.arrayContaining(['files', 'node', 'node_critical', 'blackbox_icmp']),
    );
    expect(config.rule_files[0]).toBe('my-rules.yml');
    expect(notes).toEqual(['Replaced your job(s) of the same name: node.']);
  });

  it('merging twice gives the same file', () => {
    const once = mergeMonitoringFiles(theirs, homelab).files[0]?.content ?? '';
    expect(mergeMonitoringFiles(once, homelab).files[0]?.content).toBe(once);
  });

  it('says when the user’s file is not YAML', () => {
    expect(() => mergeMonitoringFiles('scrape_configs: [\n', homelab)).toThrow(/not valid YAML/);
  });
});

describeWithPromtool('rendered files pass promtool', () => {
  it('checks prometheus.yml with its rule file', async () => {
    const result = await checkMonitoringFiles(renderMonitoringFiles(homelab));
    expect(result.checks.map((check) => [check.path, check.ok, check.output])).toEqual(
      result.checks.map((check) => [check.path, true, check.output]),
    );
    expect(result.ok).toBe(true);
    expect(result.checker).toMatch(/^promtool, version \d+\.\d+/);
  });

  it('reports a broken rule file as its own failed check', async () => {
    const files = [
      { path: 'prometheus.yml', content: 'rule_files: [rules/mine.yml]\n' },
      {
        path: 'rules/mine.yml',
        content: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n',
      },
    ];
    const result = await checkMonitoringFiles(files);
    expect(result.ok).toBe(false);
    const rules = result.checks.find((check) => check.path === 'rules/mine.yml');
    expect(rules?.ok).toBe(false);
    expect(rules?.output).toMatch(/parse error|unexpected/i);
  });

  it('says promtool is missing with the fix', async () => {
    await expect(
      checkMonitoringFiles([{ path: 'prometheus.yml', content: '' }], {
        promtoolPath: '/nonexistent/promtool',
      }),
    ).rejects.toMatchObject({ code: 'TOOL_UNAVAILABLE' });
  });
});
