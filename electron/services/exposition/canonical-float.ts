// Prometheus 3 stores a histogram's `le` and a summary's `quantile` label values in one
// canonical float spelling ("1" becomes "1.0", "1e-05" stays), so a series reads the same
// whatever the exporter wrote; the viewer shows them as PromQL will find them.

/** Go's strconv.FormatFloat(f, 'g', -1, 64) with ".0" added to integers, as Prometheus formats them. */
export function formatOpenMetricsFloat(value: number): string {
  if (value === 1) return '1.0';
  if (value === 0) return '0.0';
  if (value === -1) return '-1.0';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Go's shortest %g switches to an exponent below 1e-4 and from 1e6 (JavaScript at 1e21).
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  const plain = String(value);
  return plain.includes('.') ? plain : `${plain}.0`;
}

/** Canonical spellings already computed in one parse: a few bucket bounds repeat everywhere. */
export class CanonicalLabels {
  private readonly known = new Map<string, string>();

  constructor(private readonly parse: (text: string) => number | undefined) {}

  /** Rewrites `le` on histogram samples and `quantile` on summary samples; other values stay. */
  apply(type: string, labels: Record<string, string>): void {
    const label = type === 'histogram' ? 'le' : type === 'summary' ? 'quantile' : undefined;
    if (label === undefined) return;
    const raw = labels[label];
    if (raw === undefined) return;
    let canonical = this.known.get(raw);
    if (canonical === undefined) {
      const value = this.parse(raw);
      canonical = value === undefined ? raw : formatOpenMetricsFloat(value);
      this.known.set(raw, canonical);
    }
    if (canonical !== raw) labels[label] = canonical;
  }
}
