import { describe, expect, it } from 'vitest';
import { checkConfig, checkRules, testRules } from './promtool';
import { describeWithPromtool } from './promtool-test-support';

const downRules = `groups:
  - name: t
    rules:
      - alert: Down
        expr: up == 0
        for: 5m
`;

function downTests(expectedInstance: string): string {
  return `rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="node",instance="a"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 6m
        alertname: Down
        exp_alerts:
          - exp_labels: {job: node, instance: ${expectedInstance}}
`;
}

describe('promtool runner without promtool', () => {
  it('reports a missing binary as a failed check', async () => {
    const result = await checkRules(downRules, { promtoolPath: '/nonexistent/promtool' });
    expect(result).toEqual({ ok: false, output: 'promtool not found at /nonexistent/promtool' });
  });

  it('refuses companion files outside its temp dir', async () => {
    await expect(checkConfig('global: {}\n', { '../escape.yml': 'x' })).rejects.toThrow(/outside/);
    await expect(checkConfig('global: {}\n', { '/etc/passwd': 'x' })).rejects.toThrow(/outside/);
  });
});

describeWithPromtool('promtool runner', () => {
  it('accepts valid rules and rejects broken PromQL', async () => {
    expect((await checkRules(downRules)).ok).toBe(true);
    const broken = await checkRules(downRules.replace('up == 0', 'up == '));
    expect(broken.ok).toBe(false);
    expect(broken.output).toMatch(/parse error|unexpected/i);
  });

  it('rejects a config Prometheus would refuse', async () => {
    const result = await checkConfig('scrape_configs:\n  - job_name: a\n    scrape_interval: soon\n');
    expect(result.ok).toBe(false);
  });

  it('checks a config together with the rule files it names', async () => {
    const config = 'rule_files: [rules/down.yml]\nscrape_configs: []\n';
    expect((await checkConfig(config, { 'rules/down.yml': downRules })).ok).toBe(true);
    expect((await checkConfig(config)).ok).toBe(false);
  });

  it('passes a unit test whose expectation holds and fails one whose does not', async () => {
    expect((await testRules(downRules, downTests('a'))).ok).toBe(true);
    const wrong = await testRules(downRules, downTests('b'));
    expect(wrong.ok).toBe(false);
    expect(wrong.output).toContain('FAILED');
  });

  it('passes shell metacharacters through as plain text', async () => {
    const rules = downRules.replace('name: t', 'name: "$(touch /tmp/promstead-pwned); `id`"');
    expect((await checkRules(rules)).ok).toBe(true);
  });
});
