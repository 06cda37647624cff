import { describe, expect, it } from 'vitest';
import type { PrometheusConfigModel } from './config-model';
import { shouldRunPromtoolSuites } from './promtool-test-support';
import { PrometheusConfigError, renderPrometheusConfig } from './render-config';
import { homelabModel, minimalModel } from './test-models';
import { validateConfigModel } from './validate-config-model';

describe('validateConfigModel', () => {
  it('accepts the test models', () => {
    expect(validateConfigModel(homelabModel)).toEqual([]);
    expect(validateConfigModel(minimalModel)).toEqual([]);
  });

  it('reports every hostile value at once', () => {
    const model: PrometheusConfigModel = {
      global: { scrapeInterval: '30 seconds', externalLabels: { 'bad-name': 'x', __reserved: 'y' } },
      jobs: [
        {
          jobName: 'node',
          tier: 'low',
          scrapeTimeout: '1.5s',
          metricsPath: 'metrics',
          staticConfigs: [{ targets: ['a:9100\n- job_name: injected', ''], labels: { '0role': 'x' } }],
          relabelConfigs: [{ regex: '(unclosed', action: 'hashmod' }],
        },
        { jobName: 'node', tier: 'low', staticConfigs: [] },
        { jobName: ' ', tier: 'low', staticConfigs: [] },
      ],
      multiTargetJobs: [
        {
          jobName: 'probe',
          tier: 'low',
          exporterAddress: 'blackbox 9115',
          metricsPath: '/probe',
          module: '',
          auth: 'public_v2',
          targets: ['ok.lan'],
        },
      ],
      ruleFiles: ['rules/a.yml\nx'],
      alertmanagers: ['am:9093 extra'],
    };
    const problems = validateConfigModel(model);
    for (const fragment of [
      '"30 seconds" is not a duration',
      '"bad-name" is not a valid label name',
      'label "__reserved" is reserved',
      '"1.5s" is not a duration',
      'metricsPath must start with "/"',
      'target "a:9100\n- job_name: injected"',
      'target ""',
      '"0role" is not a valid label name',
      'does not compile',
      'hashmod needs a modulus',
      'job "node": duplicate name',
      'job " ": invalid name',
      'target "blackbox 9115"',
      'module is empty',
      'auth applies to SNMP only',
      'invalid path',
      'target "am:9093 extra"',
    ]) {
      expect(
        problems.some((problem) => problem.includes(fragment)),
        fragment,
      ).toBe(true);
    }
    expect(() => renderPrometheusConfig(model)).toThrow(PrometheusConfigError);
  });

  it('carries the problems on the error', () => {
    const model: PrometheusConfigModel = { ...minimalModel, global: { scrapeTimeout: 'soon' } };
    try {
      renderPrometheusConfig(model);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PrometheusConfigError);
      expect((error as PrometheusConfigError).problems).toEqual([
        'global.scrapeTimeout: "soon" is not a duration',
      ]);
    }
  });
});

describe('shouldRunPromtoolSuites', () => {
  it('runs under CI even without promtool, so CI fails instead of skipping', () => {
    expect(shouldRunPromtoolSuites(false, { CI: 'true' })).toBe(true);
    expect(shouldRunPromtoolSuites(true, {})).toBe(true);
    expect(shouldRunPromtoolSuites(false, {})).toBe(false);
  });
});
