// Per-label filters on a family's series, as Grafana's label pickers: a set of values, or
// a regex anchored at both ends as Prometheus anchors label matchers (`=~`).
import type { MetricSample } from '@shared/contract';

export type LabelFilter =
  | { label: string; mode: 'values'; values: readonly string[] }
  | { label: string; mode: 'regex'; pattern: string };

export type CompiledFilter = { ok: true; test(sample: MetricSample): boolean } | { ok: false; error: string };

/** JavaScript's regex is close to RE2 for what people type in a label matcher. */
export function compileFilter(filter: LabelFilter): CompiledFilter {
  if (filter.mode === 'values') {
    const wanted = new Set(filter.values);
    // No value picked: the label does not filter, as an empty picker in Grafana.
    if (wanted.size === 0) return { ok: true, test: () => true };
    return { ok: true, test: (sample) => wanted.has(sample.labels[filter.label] ?? '') };
  }
  try {
    const regex = new RegExp(`^(?:${filter.pattern})$`, 'u');
    return { ok: true, test: (sample) => regex.test(sample.labels[filter.label] ?? '') };
  } catch (error) {
    return { ok: false, error: `${filter.label}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface FilteredSamples {
  samples: MetricSample[];
  /** One message per filter whose regex does not compile (that filter is left out). */
  errors: string[];
}

export function filterSamples(
  samples: readonly MetricSample[],
  filters: readonly LabelFilter[],
): FilteredSamples {
  const tests: ((sample: MetricSample) => boolean)[] = [];
  const errors: string[] = [];
  for (const filter of filters) {
    const compiled = compileFilter(filter);
    if (compiled.ok) tests.push(compiled.test);
    else errors.push(compiled.error);
  }
  return { samples: samples.filter((sample) => tests.every((test) => test(sample))), errors };
}

/** Each label of the samples with its values and how many samples carry each, most first. */
export function labelValueCounts(
  samples: readonly MetricSample[],
): { label: string; values: { value: string; count: number }[] }[] {
  const byLabel = new Map<string, Map<string, number>>();
  for (const sample of samples)
    for (const [label, value] of Object.entries(sample.labels)) {
      const counts = byLabel.get(label) ?? new Map<string, number>();
      counts.set(value, (counts.get(value) ?? 0) + 1);
      byLabel.set(label, counts);
    }
  return [...byLabel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, counts]) => ({
      label,
      values: [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, undefined, { numeric: true })),
    }));
}
