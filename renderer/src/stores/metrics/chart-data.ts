// The live chart's data: one time column and one bounded column per line, all pushed
// together each tick so they stay aligned as uPlot wants (a line with nothing to show
// that tick gets a gap). Counters become rates against the tick before, histograms
// quantiles of the buckets' increase, and a histogram's increase per bucket feeds the
// heat strip. The buffers are mutated in place: a tick must not copy an hour of points.
import type { MetricFamily, WatchTick } from '@shared/contract';
import { linesOf, sameLabels, type ChartLineSpec, type ChartSeriesSpec } from './chart-series';
import { counterIncrease, counterRate, type CounterPoint } from './counter-rate';
import { histogramQuantile, parseUpperBound, type Bucket } from './histogram-quantile';
import { sampleNumber } from './metric-units';
import { RingBuffer } from './ring-buffer';
import { seriesKey, withoutLabels } from './series-key';

export const chartCapacity = 3600;

export interface ChartLine extends ChartLineSpec {
  values: RingBuffer;
}

export interface HeatColumn {
  /** Seconds since the epoch, as the chart's time axis. */
  at: number;
  /** Observations per bucket during the tick (not cumulative), in `bounds` order. */
  counts: number[];
}

export interface HeatStrip {
  specId: string;
  /** Upper bounds, ascending, +Inf last. */
  bounds: number[];
  columns: HeatColumn[];
}

export interface ChartData {
  specs: readonly ChartSeriesSpec[];
  lines: ChartLine[];
  /** Seconds since the epoch (uPlot's unit). */
  times: RingBuffer;
  /** Each counter's last raw point, by series key. */
  counters: Map<string, CounterPoint>;
  /** Each histogram's last cumulative buckets, by spec id. */
  buckets: Map<string, Bucket[]>;
  heat?: HeatStrip;
  ticks: number;
  failedTicks: number;
  lastError?: { code: string; message: string };
}

export function emptyChartData(specs: readonly ChartSeriesSpec[], capacity = chartCapacity): ChartData {
  const lines = specs.flatMap(linesOf).map((line) => ({ ...line, values: new RingBuffer(capacity) }));
  const firstHistogram = specs.find((spec) => spec.kind === 'histogram');
  return {
    specs,
    lines,
    times: new RingBuffer(capacity),
    counters: new Map(),
    buckets: new Map(),
    heat: firstHistogram ? { specId: firstHistogram.id, bounds: [], columns: [] } : undefined,
    ticks: 0,
    failedTicks: 0,
  };
}

/** Every sample of the tick's families by its series key, and each histogram's buckets. */
interface TickIndex {
  values: Map<string, number>;
  histograms: (spec: ChartSeriesSpec) => Bucket[] | undefined;
}

function indexTick(families: readonly MetricFamily[]): TickIndex {
  const values = new Map<string, number>();
  const byFamily = new Map(families.map((family) => [family.name, family]));
  for (const family of families)
    for (const sample of family.samples)
      values.set(seriesKey(sample.name, sample.labels), sampleNumber(sample.value));
  return {
    values,
    histograms: (spec) => {
      const family = byFamily.get(spec.family);
      if (!family) return undefined;
      const buckets: Bucket[] = [];
      for (const sample of family.samples) {
        if (sample.name !== `${spec.family}_bucket`) continue;
        if (!sameLabels(withoutLabels(sample.labels, ['le']), spec.labels)) continue;
        const upperBound = parseUpperBound(sample.labels.le);
        if (upperBound !== undefined) buckets.push({ upperBound, count: sampleNumber(sample.value) });
      }
      return buckets.length > 0 ? buckets.sort((a, b) => a.upperBound - b.upperBound) : undefined;
    },
  };
}

/** Each bucket's increase since the last tick; a fall in any bucket is a reset (from zero). */
export function bucketIncrease(
  before: readonly Bucket[] | undefined,
  after: readonly Bucket[],
): Bucket[] | undefined {
  if (!before || before.length !== after.length) return undefined;
  if (before.some((bucket, index) => bucket.upperBound !== after[index]?.upperBound)) return undefined;
  const reset = after.some((bucket, index) => bucket.count < (before[index] as Bucket).count);
  return after.map((bucket, index) => ({
    upperBound: bucket.upperBound,
    count: reset ? bucket.count : counterIncrease((before[index] as Bucket).count, bucket.count),
  }));
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Folds one tick in; a failed tick is a gap in every line. */
export function applyTick(data: ChartData, tick: WatchTick): void {
  const atMs = tick.at;
  data.ticks++;
  data.times.push(atMs / 1000);
  if (tick.error) {
    data.failedTicks++;
    data.lastError = tick.error;
    for (const line of data.lines) line.values.push(null);
    return;
  }
  data.lastError = undefined;
  const index = indexTick(tick.families);
  const increases = new Map<string, Bucket[] | undefined>();
  for (const spec of data.specs) {
    if (spec.kind !== 'histogram') continue;
    const now = index.histograms(spec);
    increases.set(spec.id, now ? bucketIncrease(data.buckets.get(spec.id), now) : undefined);
    if (now) data.buckets.set(spec.id, now);
    else data.buckets.delete(spec.id);
  }
  for (const line of data.lines) line.values.push(lineValue(data, line, index, increases, atMs));
  // Rates are taken against the previous tick: remember this tick's raw counters after all lines.
  for (const spec of data.specs) {
    if (spec.kind !== 'rate') continue;
    const value = index.values.get(spec.id);
    if (value === undefined) data.counters.delete(spec.id);
    else data.counters.set(spec.id, { at: atMs, value });
  }
  if (data.heat) updateHeat(data.heat, increases.get(data.heat.specId), atMs / 1000, data.times.capacity);
}

function lineValue(
  data: ChartData,
  line: ChartLine,
  index: TickIndex,
  increases: ReadonlyMap<string, Bucket[] | undefined>,
  atMs: number,
): number | null {
  const spec = data.specs.find((candidate) => candidate.id === line.specId);
  if (!spec) return null;
  switch (spec.kind) {
    case 'value': {
      const value = index.values.get(spec.id);
      return value === undefined ? null : finiteOrNull(value);
    }
    case 'rate': {
      const value = index.values.get(spec.id);
      return value === undefined ? null : counterRate(data.counters.get(spec.id), { at: atMs, value });
    }
    case 'histogram': {
      const increase = increases.get(spec.id);
      return increase && line.quantile !== undefined
        ? finiteOrNull(histogramQuantile(line.quantile, increase))
        : null;
    }
    case 'summary': {
      const value = index.values.get(
        seriesKey(spec.family, { ...spec.labels, quantile: line.summaryQuantile ?? '' }),
      );
      return value === undefined ? null : finiteOrNull(value);
    }
  }
}

function updateHeat(heat: HeatStrip, increase: Bucket[] | undefined, at: number, capacity: number): void {
  if (!increase) {
    heat.columns.push({ at, counts: [] });
  } else {
    const bounds = increase.map((bucket) => bucket.upperBound);
    // New bounds (a restarted exporter with other buckets): the old columns no longer line up.
    if (bounds.length !== heat.bounds.length || bounds.some((bound, i) => bound !== heat.bounds[i])) {
      heat.bounds = bounds;
      heat.columns = [];
    }
    const counts = increase.map(
      (bucket, i) => bucket.count - (i > 0 ? (increase[i - 1] as Bucket).count : 0),
    );
    heat.columns.push({ at, counts: counts.map((count) => Math.max(0, count)) });
  }
  if (heat.columns.length > capacity) heat.columns.splice(0, heat.columns.length - capacity);
}

/** The aligned columns inside the last `windowSeconds` (uPlot's data shape). */
export function windowedColumns(
  data: ChartData,
  windowSeconds: number,
): { times: number[]; series: (number | null)[][] } {
  const times = data.times.toArray() as number[];
  const last = times.at(-1);
  let from = 0;
  if (last !== undefined)
    while (from < times.length && (times[from] as number) < last - windowSeconds) from++;
  return { times: times.slice(from), series: data.lines.map((line) => line.values.toArray().slice(from)) };
}

/** The chart's points as CSV rows: ISO time, then each line's value (empty for a gap). */
export function chartRows(data: ChartData): { header: string[]; rows: (string | number | null)[][] } {
  const times = data.times.toArray();
  const columns = data.lines.map((line) => line.values.toArray());
  return {
    header: ['time', ...data.lines.map((line) => line.label)],
    rows: times.map((time, row) => [
      new Date((time ?? 0) * 1000).toISOString(),
      ...columns.map((column) => column[row] ?? null),
    ]),
  };
}
