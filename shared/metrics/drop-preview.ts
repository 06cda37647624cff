// What drop rules would take out of one scrape: counts per rule and the series that go,
// named as Prometheus prints them. Also the pattern that covers a whole family, for
// "drop this" on a histogram whose series are named x_bucket, x_sum and x_count.
import type { DropRuleInput, MetricFamily } from '../contract';
import { compileDropRules, escapeRegex, type SeriesRef } from './drop-rules';

export interface DropPreviewCounts {
  /** Every series of the scrape. */
  seriesBefore: number;
  /** Series at least one rule drops. */
  seriesDropped: number;
  /** Up to `maxListed` of them, as name{labels}, in scrape order. */
  dropped: string[];
  /** Per rule, the series it matches (a series two rules match counts for both). */
  perRule: number[];
}

/** Throws VALIDATION naming the first rule that cannot be used. */
export function previewDropRules(
  families: readonly MetricFamily[],
  rules: readonly DropRuleInput[],
  options: { maxListed?: number } = {},
): DropPreviewCounts {
  const maxListed = options.maxListed ?? 200;
  const compiled = compileDropRules(rules);
  const perRule = compiled.map(() => 0);
  const dropped: string[] = [];
  let seriesBefore = 0;
  let seriesDropped = 0;
  for (const family of families) {
    for (const sample of family.samples) {
      seriesBefore++;
      let matched = false;
      compiled.forEach((rule, index) => {
        if (rule.matches(sample)) {
          perRule[index] = (perRule[index] ?? 0) + 1;
          matched = true;
        }
      });
      if (!matched) continue;
      seriesDropped++;
      if (dropped.length < maxListed) dropped.push(formatSeries(sample));
    }
  }
  return { seriesBefore, seriesDropped, dropped, perRule };
}

/** `name{a="1",b="2"}`, labels sorted, values escaped as in the text format. */
export function formatSeries(series: SeriesRef): string {
  const labels = Object.keys(series.labels)
    .sort()
    .map((name) => `${name}="${escapeLabelValue(series.labels[name] ?? '')}"`);
  return labels.length > 0 ? `${series.name}{${labels.join(',')}}` : series.name;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * A metric pattern for every series of `family`: its name when the samples carry it, or
 * the name with the suffixes its samples use (`x(?:_bucket|_count|_sum)`).
 */
export function metricPatternForFamily(family: Pick<MetricFamily, 'name' | 'samples'>): string {
  const names = new Set(family.samples.map((sample) => sample.name));
  names.add(family.name);
  if (names.size === 1) return escapeRegex(family.name);
  const suffixes = [...names].map((name) =>
    name.startsWith(family.name) ? name.slice(family.name.length) : undefined,
  );
  if (suffixes.every((suffix) => suffix !== undefined)) {
    const optional = family.samples.some((sample) => sample.name === family.name);
    const alternatives = suffixes
      .filter((suffix) => suffix !== '')
      .sort()
      .map(escapeRegex);
    return `${escapeRegex(family.name)}(?:${alternatives.join('|')})${optional ? '?' : ''}`;
  }
  return [...names].sort().map(escapeRegex).join('|');
}
