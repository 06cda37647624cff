import { describe, expect, it } from 'vitest';
import type { MetricSample } from '@shared/contract';
import { filterSamples, labelValueCounts } from './label-filter';

const sample = (labels: Record<string, string>): MetricSample => ({
  name: 'node_cpu_seconds_total',
  labels,
  value: 1,
});
const samples = [
  sample({ cpu: '0', mode: 'idle' }),
  sample({ cpu: '0', mode: 'user' }),
  sample({ cpu: '1', mode: 'idle' }),
  sample({ cpu: '10', mode: 'system' }),
];

describe('filterSamples', () => {
  it('keeps samples whose label is one of the picked values; no pick keeps all', () => {
    expect(
      filterSamples(samples, [{ label: 'mode', mode: 'values', values: ['idle'] }]).samples,
    ).toHaveLength(2);
    expect(filterSamples(samples, [{ label: 'mode', mode: 'values', values: [] }]).samples).toHaveLength(4);
  });

  it('anchors regexes at both ends as Prometheus does', () => {
    const regex = (pattern: string): number =>
      filterSamples(samples, [{ label: 'cpu', mode: 'regex', pattern }]).samples.length;
    expect(regex('1')).toBe(1);
    expect(regex('1.*')).toBe(2);
    expect(regex('0|1')).toBe(3);
  });

  it('combines filters with AND, and matches a missing label as empty', () => {
    const both = filterSamples(samples, [
      { label: 'cpu', mode: 'values', values: ['0'] },
      { label: 'mode', mode: 'regex', pattern: 'idle|user' },
    ]);
    expect(both.samples).toHaveLength(2);
    expect(filterSamples(samples, [{ label: 'device', mode: 'regex', pattern: '' }]).samples).toHaveLength(4);
  });

  it('reports a regex that does not compile and leaves that filter out', () => {
    const result = filterSamples(samples, [{ label: 'cpu', mode: 'regex', pattern: '(' }]);
    expect(result.samples).toHaveLength(4);
    expect(result.errors[0]).toMatch(/^cpu: /);
  });
});

describe('labelValueCounts', () => {
  it('lists each label with its values, most common first, numbers in number order', () => {
    expect(labelValueCounts(samples)).toEqual([
      {
        label: 'cpu',
        values: [
          { value: '0', count: 2 },
          { value: '1', count: 1 },
          { value: '10', count: 1 },
        ],
      },
      {
        label: 'mode',
        values: [
          { value: 'idle', count: 2 },
          { value: 'system', count: 1 },
          { value: 'user', count: 1 },
        ],
      },
    ]);
  });
});
