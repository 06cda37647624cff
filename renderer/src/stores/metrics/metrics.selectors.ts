// What the Metrics page shows, derived from the store: the families list (a prefix tree,
// or search results best first with their matched letters), the chosen family, and its
// series filtered, valued in human units, with per-second rates once scraped twice.
import type { FamilySummary, MetricFamily, MetricSample, ScrapeResult } from '@shared/contract';
import { counterRate } from './counter-rate';
import { toCsv } from './csv';
import { fuzzyFilter } from './fuzzy-match';
import { filterSamples, type LabelFilter } from './label-filter';
import { formatValue, sampleNumber, unitOf, type MetricUnit } from './metric-units';
import { buildPrefixTree, flattenTree, type PrefixNode, type TreeRow } from './prefix-tree';
import { labelsText, seriesKey } from './series-key';

export type FamilyRow =
  | (TreeRow & { kind: 'group' })
  | { kind: 'family'; name: string; depth: number; summary: FamilySummary; positions: readonly number[] };

/** The prefix tree is rebuilt only when the scrape changes, not on every expand. */
const treeCache = new WeakMap<readonly FamilySummary[], PrefixNode[]>();

function treeOf(summaries: readonly FamilySummary[]): PrefixNode[] {
  let tree = treeCache.get(summaries);
  if (!tree) {
    tree = buildPrefixTree(summaries.map((summary) => summary.name));
    treeCache.set(summaries, tree);
  }
  return tree;
}

export function familyRows(
  summaries: readonly FamilySummary[],
  query: string,
  expanded: readonly string[],
): FamilyRow[] {
  const byName = new Map(summaries.map((summary) => [summary.name, summary]));
  if (query.trim() !== '')
    return fuzzyFilter(query, summaries, (summary) => summary.name).map(({ item, match }) => ({
      kind: 'family',
      name: item.name,
      depth: 0,
      summary: item,
      positions: match.positions,
    }));
  return flattenTree(treeOf(summaries), new Set(expanded)).flatMap((row): FamilyRow[] => {
    if (row.kind === 'group') return [row];
    const summary = byName.get(row.name);
    return summary ? [{ ...row, summary, positions: [] }] : [];
  });
}

export function familyOf(
  result: ScrapeResult | undefined,
  name: string | undefined,
): MetricFamily | undefined {
  if (!result || name === undefined) return undefined;
  return result.families.find((family) => family.name === name);
}

export interface SeriesRow {
  key: string;
  sample: MetricSample;
  labels: string;
  value: string;
  /** A counter's per-second rate since the previous scrape, in human units. */
  rate?: string;
}

export interface SeriesView {
  unit: MetricUnit;
  rows: SeriesRow[];
  total: number;
  errors: string[];
  /** Whether a rate column makes sense (a counter family). */
  counter: boolean;
}

function isCount(family: MetricFamily, sample: MetricSample): boolean {
  if (family.type === 'counter') return !sample.name.endsWith('_created');
  return sample.name.endsWith('_count') || sample.name.endsWith('_bucket') || sample.name.endsWith('_sum');
}

export function seriesView(
  family: MetricFamily,
  filters: readonly LabelFilter[],
  current: ScrapeResult,
  previous: ScrapeResult | undefined,
): SeriesView {
  const unit = unitOf(family.name, family.unit);
  const { samples, errors } = filterSamples(family.samples, filters);
  const before = new Map<string, number>();
  const previousFamily = familyOf(previous, family.name);
  for (const sample of previousFamily?.samples ?? [])
    before.set(seriesKey(sample.name, sample.labels), sampleNumber(sample.value));
  const rows = samples.map((sample): SeriesRow => {
    const key = seriesKey(sample.name, sample.labels);
    const value = sampleNumber(sample.value);
    // A bucket or count is a number of observations, not in the family's unit.
    const sampleUnit = sample.name.endsWith('_bucket') || sample.name.endsWith('_count') ? 'none' : unit;
    const row: SeriesRow = {
      key,
      sample,
      labels: labelsText(sample.labels),
      value: formatValue(value, sampleUnit),
    };
    const old = before.get(key);
    if (previous && old !== undefined && isCount(family, sample)) {
      const rate = counterRate({ at: previous.scrapedAt, value: old }, { at: current.scrapedAt, value });
      if (rate !== null) row.rate = formatValue(rate, sampleUnit, { perSecond: true });
    }
    return row;
  });
  return {
    unit,
    rows,
    total: family.samples.length,
    errors,
    counter: family.type === 'counter' || family.type === 'histogram' || family.type === 'summary',
  };
}

/** The series shown, as CSV: name, each label as a column, the raw value. */
export function seriesCsv(family: MetricFamily, rows: readonly SeriesRow[]): string {
  const labelNames = [...new Set(rows.flatMap((row) => Object.keys(row.sample.labels)))].sort();
  return toCsv(
    ['name', ...labelNames, 'value'],
    rows.map((row) => [
      row.sample.name,
      ...labelNames.map((name) => row.sample.labels[name] ?? ''),
      sampleNumber(row.sample.value),
    ]),
  );
}
