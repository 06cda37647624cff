import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkConfig } from '../prometheus/promtool';
import { describeWithPromtool } from '../prometheus/promtool-test-support';
import { exportPrometheusConfig, importPrometheusConfig } from './prometheus-config';
import { ConfigImportError } from './yaml-document';

const fixture = readFileSync(join(import.meta.dirname, '__fixtures__', 'prometheus.yml'), 'utf8');
const companions = {
  'rules/node.yml': readFileSync(join(import.meta.dirname, '__fixtures__', 'rules-node.yml'), 'utf8'),
  'ca.crt': 'test CA, never parsed by check config\n',
  'app.password': 'test\n',
  'remote.password': 'test\n',
};

type Job = { job_name: string } & Record<string, unknown>;
const jobsOf = (text: string): Job[] => (parse(text) as { scrape_configs: Job[] }).scrape_configs;

describe('importPrometheusConfig', () => {
  it('reads globals, rule files and the jobs Promstead models', () => {
    const { model, unmanagedJobs } = importPrometheusConfig(fixture);
    expect(model.global).toEqual({
      scrapeInterval: '30s',
      evaluationInterval: '30s',
      externalLabels: { environment: 'home', datacenter: 'attic' },
    });
    expect(model.ruleFiles).toEqual(['rules/node.yml']);
    expect(unmanagedJobs).toEqual(['secure_app', 'file_targets']);
    expect(model.jobs.map((job) => job.jobName)).toEqual(['prometheus', 'node']);
    expect(model.jobs[0]).toMatchObject({ tier: 'critical', staticConfigs: [{ labels: { owner: 'ops' } }] });
  });

  it('recognises blackbox and snmp jobs by their relabel pattern', () => {
    const { model } = importPrometheusConfig(fixture);
    expect(model.multiTargetJobs).toEqual([
      {
        jobName: 'blackbox_http_2xx',
        tier: 'standard',
        exporterAddress: 'mon.lan:9115',
        metricsPath: '/probe',
        module: 'http_2xx',
        targets: ['https://nas.lan/'],
      },
      {
        jobName: 'snmp_if_mib_public_v2',
        tier: 'low',
        exporterAddress: 'mon.lan:9116',
        metricsPath: '/snmp',
        module: 'if_mib',
        auth: 'public_v2',
        targets: ['192.168.1.2'],
        labels: { room: 'attic' },
      },
    ]);
  });

  it('does not take a probe job with a changed relabel rule for a multi-target job', () => {
    const changed = fixture.replace(
      'target_label: instance\n      - target_label: __address__\n        replacement: mon.lan:9115',
      'target_label: host\n      - target_label: __address__\n        replacement: mon.lan:9115',
    );
    expect(importPrometheusConfig(changed).model.multiTargetJobs.map((job) => job.jobName)).toEqual([
      'snmp_if_mib_public_v2',
    ]);
  });

  it('rejects broken YAML and a non-mapping', () => {
    expect(() => importPrometheusConfig('global: [')).toThrow(ConfigImportError);
    expect(() => importPrometheusConfig('- a\n- b\n')).toThrow(ConfigImportError);
  });
});

describe('exportPrometheusConfig', () => {
  it('writes an unchanged import back byte for byte, comments and anchors included', () => {
    const { document } = importPrometheusConfig(fixture);
    const exported = exportPrometheusConfig(document);
    expect(parse(exported)).toEqual(parse(fixture));
    expect(exported).toBe(fixture);
  });

  it('adds a job and touches nothing else', () => {
    const { document } = importPrometheusConfig(fixture);
    const exported = exportPrometheusConfig(document, {
      upsertMultiTargetJobs: [
        {
          jobName: 'blackbox_icmp',
          tier: 'critical',
          exporterAddress: 'mon.lan:9115',
          metricsPath: '/probe',
          module: 'icmp',
          targets: ['192.168.1.1'],
        },
      ],
    });
    const before = parse(fixture) as { scrape_configs: Job[] };
    const after = parse(exported) as { scrape_configs: Job[] };
    expect(after.scrape_configs.slice(0, -1)).toEqual(before.scrape_configs);
    expect({ ...after, scrape_configs: [] }).toEqual({ ...before, scrape_configs: [] });
    expect(exported.startsWith(fixture.trimEnd())).toBe(true);
    expect(importPrometheusConfig(exported).model.multiTargetJobs.map((job) => job.jobName)).toContain(
      'blackbox_icmp',
    );
  });

  it('edits an existing job in place, keeping its unknown keys and other comments', () => {
    const { document, model } = importPrometheusConfig(fixture);
    const node = model.jobs.find((job) => job.jobName === 'node');
    if (!node) throw new Error('fixture lost its node job');
    const exported = exportPrometheusConfig(document, {
      upsertJobs: [{ ...node, staticConfigs: [{ targets: ['nas.lan:9100'] }] }],
      removeJobs: ['file_targets'],
      global: { scrapeInterval: '60s', evaluationInterval: '30s', externalLabels: { environment: 'home' } },
    });
    const jobs = jobsOf(exported);
    expect(jobs.find((job) => job.job_name === 'node')?.static_configs).toEqual([
      { targets: ['nas.lan:9100'], labels: { tier: 'standard' } },
    ]);
    expect(jobs.find((job) => job.job_name === 'node')?.metric_relabel_configs).toBeDefined();
    expect(jobs.map((job) => job.job_name)).not.toContain('file_targets');
    expect(exported).toContain('# Prometheus itself');
    expect(exported).toContain('evaluation_interval: 30s');
    expect((parse(exported) as { remote_write: unknown }).remote_write).toEqual(
      (parse(fixture) as { remote_write: unknown }).remote_write,
    );
  });
});

describeWithPromtool('exported prometheus.yml under promtool', () => {
  it('passes promtool check config unchanged and after a change', async () => {
    const { document } = importPrometheusConfig(fixture);
    const unchanged = await checkConfig(exportPrometheusConfig(document), companions);
    expect(unchanged.output).toContain('SUCCESS');
    expect(unchanged.ok).toBe(true);
    const changed = exportPrometheusConfig(document, {
      upsertMultiTargetJobs: [
        {
          jobName: 'snmp_synology_nas_v1',
          tier: 'standard',
          exporterAddress: 'mon.lan:9116',
          metricsPath: '/snmp',
          module: 'synology',
          auth: 'nas_v1',
          targets: ['nas.lan'],
        },
      ],
    });
    const result = await checkConfig(changed, companions);
    expect(result.ok, result.output).toBe(true);
  });
});
