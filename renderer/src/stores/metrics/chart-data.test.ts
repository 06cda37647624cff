import { describe, expect, it } from 'vitest';
import type { MetricFamily, WatchTick } from '@shared/contract';
import { chartSpecFor } from './chart-series';
import { applyTick, bucketIncrease, chartRows, emptyChartData, windowedColumns } from './chart-data';

const counter = (value: number): MetricFamily => ({
  name: 'node_network_receive_bytes',
  type: 'counter',
  help: '',
  unit: '',
  samples: [{ name: 'node_network_receive_bytes_total', labels: { device: 'eth0' }, value }],
});

const histogram = (counts: [string, number][]): MetricFamily => ({
  name: 'http_request_duration_seconds',
  type: 'histogram',
  help: '',
  unit: '',
  samples: counts.map(([le, value]) => ({
    name: 'http_request_duration_seconds_bucket',
    labels: { handler: '/', le },
    value,
  })),
});

const tick = (at: number, families: MetricFamily[]): WatchTick => ({ at, durationMs: 5, families });

function specOf(family: MetricFamily) {
  const spec = chartSpecFor(family, family.samples[0] as MetricFamily['samples'][number]);
  if (!spec) throw new Error('chartable');
  return spec;
}

describe('live chart data', () => {
  it('charts a counter as its per-second rate, across a reset', () => {
    const data = emptyChartData([specOf(counter(0))]);
    applyTick(data, tick(0, [counter(1000)]));
    applyTick(data, tick(2000, [counter(3000)]));
    applyTick(data, tick(4000, [counter(500)]));
    expect(data.lines[0]?.label).toBe('node_network_receive_bytes_total{device="eth0"} per second');
    expect(data.lines[0]?.values.toArray()).toEqual([null, 1000, 250]);
    expect(data.times.toArray()).toEqual([0, 2, 4]);
  });

  it('leaves a gap in every line for a failed scrape, and rates resume after it', () => {
    const data = emptyChartData([specOf(counter(0))]);
    applyTick(data, tick(0, [counter(0)]));
    applyTick(data, {
      at: 1000,
      durationMs: 10,
      families: [],
      error: { code: 'CONNECTION_REFUSED', message: 'refused' },
    });
    applyTick(data, tick(2000, [counter(200)]));
    expect(data.lines[0]?.values.toArray()).toEqual([null, null, 100]);
    expect(data.failedTicks).toBe(1);
    expect(data.lastError).toBeUndefined();
  });

  it('charts a histogram as p50/p90/p99 of each tick’s bucket increase, with a heat column', () => {
    const spec = specOf(histogram([['0.1', 0]]));
    const data = emptyChartData([spec]);
    expect(data.lines.map((line) => line.id.split(' ').at(-1))).toEqual(['p50', 'p90', 'p99']);
    applyTick(
      data,
      tick(0, [
        histogram([
          ['0.1', 10],
          ['0.5', 10],
          ['+Inf', 10],
        ]),
      ]),
    );
    // This tick: 10 more at ≤0.1 and 10 between 0.1 and 0.5.
    applyTick(
      data,
      tick(1000, [
        histogram([
          ['0.1', 20],
          ['0.5', 30],
          ['+Inf', 30],
        ]),
      ]),
    );
    // Nothing observed: no quantile (NaN in Prometheus) is a gap.
    applyTick(
      data,
      tick(2000, [
        histogram([
          ['0.1', 20],
          ['0.5', 30],
          ['+Inf', 30],
        ]),
      ]),
    );
    const [p50, p90] = data.lines.map((line) => line.values.toArray());
    expect(p50).toEqual([null, 0.1, null]);
    expect(p90?.[1]).toBeCloseTo(0.42, 12);
    expect(data.heat?.bounds).toEqual([0.1, 0.5, Infinity]);
    expect(data.heat?.columns.map((column) => column.counts)).toEqual([
      [10, 10, 0],
      [0, 0, 0],
    ]);
  });

  it('counts a fall in any bucket as a reset of the whole histogram', () => {
    const before = [
      { upperBound: 1, count: 5 },
      { upperBound: Infinity, count: 9 },
    ];
    const after = [
      { upperBound: 1, count: 2 },
      { upperBound: Infinity, count: 3 },
    ];
    expect(bucketIncrease(before, after)).toEqual(after);
    expect(bucketIncrease(undefined, after)).toBeUndefined();
  });

  it('charts a summary’s quantiles as they are', () => {
    const summary: MetricFamily = {
      name: 'go_gc_duration_seconds',
      type: 'summary',
      help: '',
      unit: '',
      samples: [
        { name: 'go_gc_duration_seconds', labels: { quantile: '0.5' }, value: 0.001 },
        { name: 'go_gc_duration_seconds', labels: { quantile: '1' }, value: 0.004 },
        { name: 'go_gc_duration_seconds_sum', labels: {}, value: 2 },
      ],
    };
    const data = emptyChartData([specOf(summary)]);
    applyTick(data, tick(0, [summary]));
    expect(data.lines.map((line) => line.values.last())).toEqual([0.001, 0.004]);
  });

  it('keeps only the chosen window and writes the points as CSV rows', () => {
    const gauge: MetricFamily = {
      name: 'node_load1',
      type: 'gauge',
      help: '',
      unit: '',
      samples: [{ name: 'node_load1', labels: {}, value: 1 }],
    };
    const data = emptyChartData([specOf(gauge)], 100);
    for (let second = 0; second < 10; second++) applyTick(data, tick(second * 1000, [gauge]));
    const windowed = windowedColumns(data, 3);
    expect(windowed.times).toEqual([6, 7, 8, 9]);
    expect(windowed.series[0]).toEqual([1, 1, 1, 1]);
    const csv = chartRows(data);
    expect(csv.header).toEqual(['time', 'node_load1']);
    expect(csv.rows[1]).toEqual(['1970-01-01T00:00:01.000Z', 1]);
  });
});
