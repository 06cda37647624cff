// Just enough of the Prometheus text exposition format to verify an exporter: which
// metric families are present and a few sample values to show.

export interface ExpositionSample {
  /** name{labels} as exposed. */
  series: string;
  name: string;
  value: string;
}

const samplePattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})?\s+(\S+)/;

export function parseExposition(text: string): ExpositionSample[] {
  const samples: ExpositionSample[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = samplePattern.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    samples.push({ series: `${match[1]}${match[2] ?? ''}`, name: match[1], value: match[3] });
  }
  return samples;
}

/**
 * Names a proof metric may appear under: histograms and summaries expose _bucket, _sum
 * and _count series, counters from newer clients a _total suffix.
 */
function familyOf(name: string): string[] {
  const names = [name];
  for (const suffix of ['_bucket', '_sum', '_count', '_total', '_created']) {
    if (name.endsWith(suffix)) names.push(name.slice(0, -suffix.length));
  }
  return names;
}

export function metricFamilies(samples: readonly ExpositionSample[]): Set<string> {
  const families = new Set<string>();
  for (const sample of samples) for (const name of familyOf(sample.name)) families.add(name);
  return families;
}

/** The proof metrics absent from the exposition. */
export function missingMetrics(samples: readonly ExpositionSample[], proofs: readonly string[]): string[] {
  const families = metricFamilies(samples);
  return proofs.filter((proof) => !families.has(proof));
}

/**
 * The exporter's own up gauge (pg_up, mysql_up, redis_up, mongodb_up): one word, `_up`,
 * no labels. Longer names like node_network_up are per-device states, not health.
 */
export function upSamples(samples: readonly ExpositionSample[]): ExpositionSample[] {
  return samples.filter((sample) => /^[a-z]+_up$/.test(sample.name) && sample.series === sample.name);
}

/**
 * A few values worth showing: the up gauges (the exporter reached what it watches),
 * then the first sample of each proof metric, at most `limit`.
 */
export function pickSamples(
  samples: readonly ExpositionSample[],
  proofs: readonly string[],
  limit = 8,
): { series: string; value: string }[] {
  const picked: ExpositionSample[] = upSamples(samples);
  for (const proof of proofs) {
    const first = samples.find((sample) => familyOf(sample.name).includes(proof));
    if (first && !picked.includes(first)) picked.push(first);
  }
  return picked.slice(0, limit).map(({ series, value }) => ({ series, value }));
}
