// OpenMetrics 1.0's rules on values within a family, as its specification and the
// reference parser's test suite (client_python) state them: counter-like values neither
// NaN nor negative, whole counts, info 1, stateset 0/1, summary quantiles, and per
// histogram point sorted `le`, cumulative buckets, a +Inf bucket equal to `_count`.
import type { ParsedSample } from './exposition-types';
import type { MetricType } from '@shared/contract';
import type { FamilyEntry } from './family-entry';
import { SampleKind } from './family-entry';
import { LineError } from './line-error';
import { scanFloat } from './number-syntax';

function describeSeries(sample: ParsedSample): string {
  const labels = Object.entries(sample.labels)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(',');
  return labels === '' ? sample.name : `${sample.name}{${labels}}`;
}

/** A label value that must be a number: `le`, `quantile`. */
function labelNumber(sample: ParsedSample, label: string, at: number): number {
  const text = sample.labels[label];
  if (text === undefined) throw new LineError(at, `${describeSeries(sample)} needs a "${label}" label`);
  let value: number;
  try {
    value = scanFloat(text, 0, text.length, `"${label}" label`);
  } catch {
    throw new LineError(
      at,
      `the "${label}" label of ${describeSeries(sample)} must be a number, not ${JSON.stringify(text)}`,
    );
  }
  if (Number.isNaN(value))
    throw new LineError(at, `the "${label}" label of ${describeSeries(sample)} must not be NaN`);
  // Infinity has one spelling in label values, so that the series is the same everywhere.
  if (!Number.isFinite(value) && text !== '+Inf' && text !== '-Inf')
    throw new LineError(
      at,
      `the "${label}" label of ${describeSeries(sample)} must be written "+Inf", not ${JSON.stringify(text)}`,
    );
  return value;
}

/** Checks one sample's value against its family's type; `at` is where errors point. */
export function checkSampleValue(entry: FamilyEntry, kind: number, sample: ParsedSample, at: number): void {
  const value = sample.value;
  const type = entry.family.type;
  const series = (): string => describeSeries(sample);
  const counterLike =
    kind === SampleKind.total ||
    kind === SampleKind.count ||
    kind === SampleKind.bucket ||
    kind === SampleKind.gaugeCount ||
    kind === SampleKind.sum;
  if (counterLike || kind === SampleKind.gaugeSum) {
    if (Number.isNaN(value))
      throw new LineError(at, `${series()} is a counter-like value and must not be NaN`);
  }
  if (counterLike && value < 0)
    throw new LineError(at, `${series()} is a counter-like value and must not be negative`);
  if (
    (kind === SampleKind.count || kind === SampleKind.bucket || kind === SampleKind.gaugeCount) &&
    !Number.isInteger(value) &&
    value !== Infinity
  )
    throw new LineError(at, `${series()} is a count and must be a whole number`);
  if (kind === SampleKind.bucket) labelNumber(sample, 'le', at);
  if (type === 'summary' && kind === SampleKind.bare) {
    const quantile = labelNumber(sample, 'quantile', at);
    if (quantile < 0 || quantile > 1)
      throw new LineError(at, `the quantile of ${series()} must be between 0 and 1`);
    if (value < 0) throw new LineError(at, `${series()} is a quantile value and must not be negative`);
  }
  if (type === 'info' && value !== 1)
    throw new LineError(at, `${series()} is an info metric: its value must be 1`);
  if (type === 'stateset') {
    if (sample.labels[entry.family.name] === undefined)
      throw new LineError(at, `${series()} is a stateset: it needs a label named "${entry.family.name}"`);
    if (value !== 0 && value !== 1)
      throw new LineError(at, `${series()} is a stateset: its value must be 0 or 1`);
  }
}

/** One histogram or gauge histogram point (its samples with the same labels and timestamp). */
export class HistogramPoint {
  private lastLe: number | undefined;
  private lastBucket = 0;
  private negativeBucket = false;
  private count: number | undefined;
  private sum = false;
  private negativeSum = false;
  private started = false;
  private series = '';

  constructor(private readonly familyName: string) {}

  add(kind: number, sample: ParsedSample, at: number): void {
    if (!this.started) {
      this.started = true;
      this.series = describeSeries({ ...sample, name: this.familyName, labels: withoutLe(sample.labels) });
    }
    if (kind === SampleKind.bucket) {
      const le = labelNumber(sample, 'le', at);
      if (this.lastLe !== undefined && le <= this.lastLe)
        throw new LineError(at, `the buckets of ${this.series} must come in increasing order of "le"`);
      if (sample.value < this.lastBucket)
        throw new LineError(at, `the buckets of ${this.series} must be cumulative (a bucket's count fell)`);
      if (le < 0) this.negativeBucket = true;
      this.lastLe = le;
      this.lastBucket = sample.value;
    } else if (kind === SampleKind.count || kind === SampleKind.gaugeCount) {
      this.count = sample.value;
    } else if (kind === SampleKind.sum || kind === SampleKind.gaugeSum) {
      this.sum = true;
      if (sample.value < 0) this.negativeSum = true;
    }
  }

  /** Checks the finished point; `gauge` is a gauge histogram (`_gcount`, `_gsum`). */
  finish(gauge: boolean, at: number): void {
    if (!this.started) return;
    const count = gauge ? '_gcount' : '_count';
    const sum = gauge ? '_gsum' : '_sum';
    if (this.lastLe !== Infinity) throw new LineError(at, `${this.series} has no le="+Inf" bucket`);
    if (this.count !== undefined && this.count !== this.lastBucket)
      throw new LineError(
        at,
        `${this.series}: ${count} (${this.count}) differs from the +Inf bucket (${this.lastBucket})`,
      );
    if (this.sum && this.count === undefined)
      throw new LineError(at, `${this.series} has ${sum} but no ${count}`);
    if (!this.sum && this.count !== undefined)
      throw new LineError(at, `${this.series} has ${count} but no ${sum}`);
    if (!gauge && this.negativeBucket && this.sum)
      throw new LineError(at, `${this.series} has negative buckets, so it must not have a ${sum}`);
    if (gauge && this.negativeSum && !this.negativeBucket)
      throw new LineError(at, `${this.series}: ${sum} is negative but no bucket is`);
  }
}

function withoutLe(labels: Record<string, string>): Record<string, string> {
  const copy = { ...labels };
  delete copy.le;
  return copy;
}

/** A family being read, with what its metric points need checked. */
export interface OpenFamily {
  entry: FamilyEntry;
  seenGroups: Set<string>;
  group: string | undefined;
  /** The previous sample's timestamp in this point; null before the first sample. */
  groupTimestamp: number | undefined | null;
  point: HistogramPoint | undefined;
  /** Finished points, checked when the family ends (after the grouping checks, as the reference does). */
  points: HistogramPoint[];
}

/** Metric points stay together, with timestamps present on all or none and not going back. */
export function trackPoint(
  family: OpenFamily,
  kind: number,
  sample: ParsedSample,
  names: readonly string[],
  at: number,
): void {
  const type = family.entry.family.type;
  const key = groupKey(type, kind, family.entry.name, names, sample.labels);
  const histogram = type === 'histogram' || type === 'gaugehistogram';
  if (key !== family.group) {
    if (family.seenGroups.has(key))
      throw new LineError(
        at,
        `the samples of ${sample.name} with these labels are not together: another point came between`,
      );
    if (family.point) family.points.push(family.point);
    family.seenGroups.add(key);
    family.group = key;
    family.groupTimestamp = sample.timestamp;
    family.point = histogram ? new HistogramPoint(family.entry.name) : undefined;
  } else {
    const previous = family.groupTimestamp;
    if ((previous === undefined) !== (sample.timestamp === undefined))
      throw new LineError(
        at,
        `the samples of one point mix lines with and without timestamps (${sample.name})`,
      );
    if (previous !== undefined && previous !== null && sample.timestamp !== undefined) {
      if (sample.timestamp < previous && type !== 'info')
        throw new LineError(at, `timestamps went backwards within a point of ${sample.name}`);
      if (histogram && sample.timestamp !== previous) {
        if (family.point) family.points.push(family.point);
        family.point = new HistogramPoint(family.entry.name);
      }
    }
    family.groupTimestamp = sample.timestamp;
  }
  family.point?.add(kind, sample, at);
}

/** A point's identity: its labels without the one that varies inside it (le, quantile, the state). */
function groupKey(
  type: MetricType,
  kind: number,
  familyName: string,
  names: readonly string[],
  labels: Record<string, string>,
): string {
  if (type === 'info') return '';
  const skip =
    kind === SampleKind.bucket
      ? 'le'
      : type === 'summary' && kind === SampleKind.bare
        ? 'quantile'
        : type === 'stateset'
          ? familyName
          : '';
  const sorted = names.length > 1 ? [...names].sort() : names;
  let key = '';
  for (const name of sorted) {
    if (name === skip) continue;
    const value = labels[name] ?? '';
    key += `${name}=${value.length}:${value},`;
  }
  return key;
}
