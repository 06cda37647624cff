import { describe, expect, it } from 'vitest';
import type { MetricFamily } from '../contract';
import { cardinalityReport } from './index';

function family(name: string, labelSets: Record<string, string>[]): MetricFamily {
  return {
    name,
    type: 'gauge',
    help: `${name} help`,
    unit: '',
    samples: labelSets.map((labels) => ({ name, labels, value: 1 })),
  };
}

describe('cardinalityReport', () => {
  const families = [
    family('node_load1', [{}]),
    family(
      'node_cpu_seconds_total',
      ['0', '1', '2', '3'].flatMap((cpu) => ['idle', 'user'].map((mode) => ({ cpu, mode }))),
    ),
    family('node_filesystem_avail_bytes', [
      { device: '/dev/sda1', mountpoint: '/' },
      { device: '/dev/sda1', mountpoint: '/var' },
      { device: 'tmpfs', mountpoint: '/run' },
    ]),
  ];

  it('ranks families by series, with their share of the total', () => {
    const report = cardinalityReport(families);
    expect(report.totalSeries).toBe(12);
    expect(report.families.map((entry) => [entry.name, entry.series, entry.share])).toEqual([
      ['node_cpu_seconds_total', 8, 8 / 12],
      ['node_filesystem_avail_bytes', 3, 3 / 12],
      ['node_load1', 1, 1 / 12],
    ]);
  });

  it('gives per label its distinct values and the values with the most series', () => {
    const report = cardinalityReport(families, { topK: 1 });
    const filesystem = report.families.find((entry) => entry.name === 'node_filesystem_avail_bytes');
    expect(filesystem?.labels).toEqual([
      { name: 'mountpoint', distinctValues: 3, series: 3, topValues: [{ value: '/', series: 1 }] },
      { name: 'device', distinctValues: 2, series: 3, topValues: [{ value: '/dev/sda1', series: 2 }] },
    ]);
  });

  it('names the label that explodes across families', () => {
    const report = cardinalityReport(families);
    expect(report.labels.map((label) => [label.name, label.distinctValues, label.families])).toEqual([
      ['cpu', 4, 1],
      ['mountpoint', 3, 1],
      ['device', 2, 1],
      ['mode', 2, 1],
    ]);
  });

  it('reads a 200,000-series scrape and keeps only the top values of an exploding label', () => {
    const samples = Array.from({ length: 200_000 }, (_, index) => ({
      name: 'http_requests_total',
      labels: { path: `/item/${index}`, code: index % 10 === 0 ? '500' : '200' },
      value: index,
    }));
    const report = cardinalityReport(
      [{ name: 'http_requests_total', type: 'counter', help: '', unit: '', samples }],
      {
        topK: 5,
      },
    );
    const [path, code] = report.families[0]?.labels ?? [];
    expect(path?.distinctValues).toBe(200_000);
    expect(path?.topValues).toHaveLength(5);
    expect(code?.topValues).toEqual([
      { value: '200', series: 180_000 },
      { value: '500', series: 20_000 },
    ]);
    expect(report.labels[0]?.name).toBe('path');
  });
});
