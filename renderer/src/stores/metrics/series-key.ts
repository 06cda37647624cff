// A series' identity and its text as Prometheus writes it: name{a="1",b="2"} with the
// labels sorted and values escaped, used as a key and shown to people alike.
export type LabelSet = Readonly<Record<string, string>>;

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function labelsText(labels: LabelSet, omit: readonly string[] = []): string {
  const parts = Object.keys(labels)
    .filter((name) => !omit.includes(name))
    .sort()
    .map((name) => `${name}="${escapeLabelValue(labels[name] as string)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

export function seriesKey(name: string, labels: LabelSet, omit: readonly string[] = []): string {
  return name + labelsText(labels, omit);
}

/** Whether `labels` holds every pair of `wanted` (other labels may be there too). */
export function labelsInclude(labels: LabelSet, wanted: LabelSet): boolean {
  return Object.entries(wanted).every(([name, value]) => labels[name] === value);
}

/** The same labels without some, e.g. a histogram bucket's `le`. */
export function withoutLabels(labels: LabelSet, omit: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) if (!omit.includes(name)) out[name] = value;
  return out;
}

/** Escapes a literal for an RE2 regex (drop rules match values with anchored regexes). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
