// What a chosen series becomes on the live chart: a counter its per-second rate, a gauge
// its value, a histogram its p50/p90/p99 over each tick's bucket increase, a summary its
// own quantiles. Specs are made from a scraped sample; lines are what the chart draws.
import type { MetricFamily, MetricSample, MetricType } from '@shared/contract';
import { unitOf, type MetricUnit } from './metric-units';
import { labelsText, seriesKey, withoutLabels, type LabelSet } from './series-key';

export type ChartKind = 'rate' | 'value' | 'histogram' | 'summary';

export interface ChartSeriesSpec {
  /** Unique among chosen series: what it is keyed and de-duplicated by. */
  id: string;
  family: string;
  type: MetricType;
  kind: ChartKind;
  unit: MetricUnit;
  /** The sample's own name for rate and value; the family's name otherwise. */
  sampleName: string;
  /** Without `le` (histogram) or `quantile` (summary). */
  labels: LabelSet;
  /** A summary's quantiles, as the scrape gave them. */
  quantiles: readonly string[];
}

export interface ChartLineSpec {
  id: string;
  specId: string;
  label: string;
  unit: MetricUnit;
  perSecond: boolean;
  /** For a histogram line: which quantile. */
  quantile?: number;
  /** For a summary line: the `quantile` label's value. */
  summaryQuantile?: string;
}

export const maxChartSeries = 50;
export const histogramQuantiles = [0.5, 0.9, 0.99] as const;

/** Counter samples that are not counts (creation times) are not charted as rates. */
function isCreated(sample: MetricSample): boolean {
  return sample.name.endsWith('_created');
}

/** The chart spec a scraped sample stands for, or undefined when it has nothing to chart. */
export function chartSpecFor(family: MetricFamily, sample: MetricSample): ChartSeriesSpec | undefined {
  const unit = unitOf(family.name, family.unit);
  const base = { family: family.name, type: family.type, unit, quantiles: [] as string[] };
  if (family.type === 'histogram') {
    const labels = withoutLabels(sample.labels, ['le']);
    return {
      ...base,
      id: `${family.name} histogram ${labelsText(labels)}`,
      kind: 'histogram',
      sampleName: family.name,
      labels,
    };
  }
  if (family.type === 'summary') {
    const labels = withoutLabels(sample.labels, ['quantile']);
    const quantiles = [
      ...new Set(
        family.samples
          .filter(
            (candidate) =>
              candidate.labels.quantile !== undefined &&
              sameLabels(withoutLabels(candidate.labels, ['quantile']), labels),
          )
          .map((candidate) => candidate.labels.quantile as string),
      ),
    ].sort((a, b) => Number(a) - Number(b));
    return {
      ...base,
      id: `${family.name} summary ${labelsText(labels)}`,
      kind: 'summary',
      sampleName: family.name,
      labels,
      quantiles,
    };
  }
  if (family.type === 'counter') {
    if (isCreated(sample)) return undefined;
    return {
      ...base,
      id: seriesKey(sample.name, sample.labels),
      kind: 'rate',
      sampleName: sample.name,
      labels: sample.labels,
    };
  }
  return {
    ...base,
    id: seriesKey(sample.name, sample.labels),
    kind: 'value',
    sampleName: sample.name,
    labels: sample.labels,
  };
}

export function sameLabels(a: LabelSet, b: LabelSet): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The lines a spec draws, with legend labels a person can read. */
export function linesOf(spec: ChartSeriesSpec): ChartLineSpec[] {
  const labels = labelsText(spec.labels);
  const common = { specId: spec.id, unit: spec.unit };
  switch (spec.kind) {
    case 'rate':
      return [{ ...common, id: spec.id, label: `${spec.sampleName}${labels} per second`, perSecond: true }];
    case 'value':
      return [{ ...common, id: spec.id, label: `${spec.sampleName}${labels}`, perSecond: false }];
    case 'histogram':
      return histogramQuantiles.map((quantile) => ({
        ...common,
        id: `${spec.id} p${quantile * 100}`,
        label: `${spec.family}${labels} p${quantile * 100}`,
        perSecond: false,
        quantile,
      }));
    case 'summary':
      return spec.quantiles.map((quantile) => ({
        ...common,
        id: `${spec.id} q${quantile}`,
        label: `${spec.family}${labels} quantile ${quantile}`,
        perSecond: false,
        summaryQuantile: quantile,
      }));
  }
}
