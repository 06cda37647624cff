// Tells which exporter serves a /metrics page from its exposition text. Only real
// sample lines count, so a web page that merely mentions a metric name is not taken.
import type { ExporterId, ServiceName } from '@shared/contract';
import { exporterSignatures, type ExporterSignature } from './exporter-signatures';
import { printableText } from './printable-text';

export interface IdentifiedExporter {
  name: ExporterId;
  version?: string;
}

interface Sample {
  name: string;
  labels: Map<string, string>;
}

const signatures: readonly ExporterSignature[] = exporterSignatures;
const signatureIndexesByMetric = new Map<string, number[]>();
signatures.forEach((signature, index) => {
  signatureIndexesByMetric.set(signature.metric, [
    ...(signatureIndexesByMetric.get(signature.metric) ?? []),
    index,
  ]);
});

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
// Sticky, so a label is matched in place rather than on a fresh copy of the rest of the line.
const labelNamePattern = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const specialValuePattern = /^[+-]?(Inf|NaN)$/i;

export function identifyExporter(exposition: string): IdentifiedExporter | undefined {
  let best: { index: number; found: IdentifiedExporter } | undefined;
  for (const rawLine of exposition.split('\n')) {
    const line = rawLine.trim();
    if (line.length === 0 || line.startsWith('#')) continue;
    const name = metricNamePattern.exec(line)?.[0];
    const indexes = name === undefined ? undefined : signatureIndexesByMetric.get(name);
    if (!indexes) continue;
    const sample = parseSample(line);
    if (!sample) continue;
    for (const index of indexes) {
      if (best && best.index <= index) continue;
      const signature = signatures[index];
      if (!signature || !matches(signature, sample)) continue;
      best = { index, found: withVersion(signature, sample) };
    }
    // Nothing can outrank the first signature: stop reading.
    if (best?.index === 0) break;
  }
  return best?.found;
}

/** The service a port is listed as once its exporter is known. */
export function serviceForExporter(exporter: ExporterId): ServiceName {
  return exporter === 'prometheus' || exporter === 'pushgateway' ? exporter : 'exporter';
}

function matches(signature: ExporterSignature, sample: Sample): boolean {
  if (!signature.where) return true;
  const value = sample.labels.get(signature.where.label);
  return value !== undefined && signature.where.pattern.test(value);
}

function withVersion(signature: ExporterSignature, sample: Sample): IdentifiedExporter {
  const raw = signature.versionLabel ? sample.labels.get(signature.versionLabel) : undefined;
  // "v1.45.0" and "1.45.0" name the same release; Go's "(devel)" names none.
  const version = raw && raw !== '(devel)' ? printableText(raw.replace(/^v(?=\d)/, ''), 64) : undefined;
  return version ? { name: signature.exporter, version } : { name: signature.exporter };
}

/** Parses `name{label="value",…} value [timestamp]`; undefined for anything else. */
export function parseSample(line: string): Sample | undefined {
  const name = metricNamePattern.exec(line)?.[0];
  if (name === undefined) return undefined;
  let position = name.length;
  const labels = new Map<string, string>();
  if (line[position] === '{') {
    const parsed = parseLabels(line, position + 1, labels);
    if (parsed === undefined) return undefined;
    position = parsed;
  }
  const rest = line.slice(position);
  if (!/^\s/.test(rest)) return undefined;
  const [value, timestamp, ...extra] = rest.trim().split(/\s+/);
  if (value === undefined || extra.length > 0) return undefined;
  if (!specialValuePattern.test(value) && !Number.isFinite(Number(value))) return undefined;
  if (timestamp !== undefined && !Number.isFinite(Number(timestamp))) return undefined;
  return { name, labels };
}

/** Reads labels after the `{`; returns the position after the `}`, or undefined. */
function parseLabels(line: string, start: number, labels: Map<string, string>): number | undefined {
  let position = start;
  for (;;) {
    while (line[position] === ' ') position += 1;
    if (line[position] === '}') return position + 1;
    labelNamePattern.lastIndex = position;
    const labelName = labelNamePattern.exec(line)?.[0];
    if (labelName === undefined) return undefined;
    position += labelName.length;
    while (line[position] === ' ') position += 1;
    if (line[position] !== '=') return undefined;
    position += 1;
    while (line[position] === ' ') position += 1;
    if (line[position] !== '"') return undefined;
    position += 1;
    let value = '';
    for (;;) {
      const character = line[position];
      if (character === undefined) return undefined;
      position += 1;
      if (character === '"') break;
      if (character === '\\') {
        const escaped = line[position];
        if (escaped === undefined) return undefined;
        value += escaped === 'n' ? '\n' : escaped;
        position += 1;
      } else {
        value += character;
      }
    }
    if (!labels.has(labelName)) labels.set(labelName, value);
    while (line[position] === ' ') position += 1;
    if (line[position] === ',') position += 1;
    else if (line[position] !== '}') return undefined;
  }
}
