// STAND-IN written by the Metrics page's helper so the renderer typechecks: the real
// cardinality report is another helper's piece with this same API. At merge, take theirs.
import type { MetricFamily, MetricType } from '../contract';

export interface LabelCardinality {
  name: string;
  distinctValues: number;
  topValues: { value: string; series: number }[];
}

export interface FamilyCardinality {
  name: string;
  type: MetricType;
  series: number;
  /** Of all series in the scrape, 0 to 1. */
  share: number;
  labels: LabelCardinality[];
}

export interface CardinalityReport {
  totalSeries: number;
  /** Most series first. */
  families: FamilyCardinality[];
  labels: { name: string; distinctValues: number; families: number }[];
}

export function cardinalityReport(
  families: readonly MetricFamily[],
  options: { topK?: number } = {},
): CardinalityReport {
  const topK = options.topK ?? 10;
  const totalSeries = families.reduce((sum, family) => sum + family.samples.length, 0);
  const labelValues = new Map<string, { values: Set<string>; families: Set<string> }>();
  const rows = families.map((family): FamilyCardinality => {
    const perLabel = new Map<string, Map<string, number>>();
    for (const sample of family.samples)
      for (const [name, value] of Object.entries(sample.labels)) {
        const counts = perLabel.get(name) ?? new Map<string, number>();
        counts.set(value, (counts.get(value) ?? 0) + 1);
        perLabel.set(name, counts);
        const overall = labelValues.get(name) ?? { values: new Set(), families: new Set() };
        overall.values.add(value);
        overall.families.add(family.name);
        labelValues.set(name, overall);
      }
    const labels = [...perLabel].map(([name, counts]) => ({
      name,
      distinctValues: counts.size,
      topValues: [...counts]
        .map(([value, series]) => ({ value, series }))
        .sort((a, b) => b.series - a.series || a.value.localeCompare(b.value))
        .slice(0, topK),
    }));
    labels.sort((a, b) => b.distinctValues - a.distinctValues || a.name.localeCompare(b.name));
    const series = family.samples.length;
    return {
      name: family.name,
      type: family.type,
      series,
      share: totalSeries ? series / totalSeries : 0,
      labels,
    };
  });
  rows.sort((a, b) => b.series - a.series || a.name.localeCompare(b.name));
  const labels = [...labelValues].map(([name, entry]) => ({
    name,
    distinctValues: entry.values.size,
    families: entry.families.size,
  }));
  labels.sort((a, b) => b.distinctValues - a.distinctValues || a.name.localeCompare(b.name));
  return { totalSeries, families: rows, labels };
}
