// The Prometheus text format 0.0.4, read as Prometheus's own scrape parser reads it:
// blanks between tokens, `# anything` ignored, HELP/TYPE per name, bare samples as
// untyped families, integer millisecond timestamps, a missing final newline accepted.
import type { MetricType } from '@shared/contract';
import { CanonicalLabels } from './canonical-float';
import { isMetricNameChar, regionEquals } from './char-classes';
import type { ParsedFamily, ParsedSample } from './exposition-types';
import { FamilyEntry, SampleKind } from './family-entry';
import { LineError, quote } from './line-error';
import type { LineSink } from './line-sink';
import {
  type LabelSetScan,
  indexInLine,
  newLabelSetScan,
  scanLabelSet,
  scanMetricName,
  unescapeQuoted,
} from './label-set-scanner';
import { NameTable } from './name-table';
import { scanFloat, scanInteger } from './number-syntax';

const textTypes: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/** The type named by text[start, end): compared in place, no lookup by a fresh string. */
function typeAt(text: string, start: number, end: number): MetricType | undefined {
  for (const type of textTypes)
    if (type.length === end - start && regionEquals(text, start, type)) return type;
  return undefined;
}

function parseLabelNumber(text: string): number | undefined {
  try {
    return scanFloat(text, 0, text.length, 'label value');
  } catch {
    return undefined;
  }
}

/** Shared by every sample without labels (frozen: one object for all of them). */
const noLabels: Record<string, string> = Object.freeze({});

/** Suffixes a histogram or summary sample may carry, to find its family by name. */
const familySuffixes = ['_bucket', '_count', '_sum'];

function skipBlanks(text: string, index: number, end: number): number {
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9) break;
    index++;
  }
  return index;
}

function tokenEnd(text: string, index: number, end: number): number {
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) break;
    index++;
  }
  return index;
}

function startsWithWord(text: string, index: number, end: number, word: string): boolean {
  if (index + word.length >= end || !regionEquals(text, index, word)) return false;
  const next = text.charCodeAt(index + word.length);
  return next === 32 || next === 9;
}

export class TextFormatParser implements LineSink {
  seriesCount = 0;
  private readonly families: ParsedFamily[] = [];
  private readonly byName = new Map<string, FamilyEntry>();
  private current: FamilyEntry | undefined;
  private readonly table = new NameTable();
  private readonly canonical = new CanonicalLabels(parseLabelNumber);
  private readonly scan: LabelSetScan = newLabelSetScan();
  /** The previous sample's name and the family it was resolved in: most lines repeat it. */
  private lastName = '';
  private lastEntry: FamilyEntry | undefined;

  line(text: string, start: number, end: number): void {
    const index = skipBlanks(text, start, end);
    if (index === end) return;
    if (text.charCodeAt(index) === 35) this.comment(text, index + 1, end);
    else this.sample(text, index, end);
  }

  finish(): ParsedFamily[] {
    // A growing array keeps spare room; an exact copy keeps the result small.
    for (const family of this.families) family.samples = family.samples.slice();
    return this.families;
  }

  private comment(text: string, index: number, end: number): void {
    const afterHash = skipBlanks(text, index, end);
    if (afterHash === index) return;
    const help = startsWithWord(text, afterHash, end, 'HELP');
    if (!help && !startsWithWord(text, afterHash, end, 'TYPE')) return;
    const keyword = help ? 'HELP' : 'TYPE';
    let position = skipBlanks(text, afterHash + 4, end);
    let name: string;
    if (text.charCodeAt(position) === 34) {
      const close = indexInLine(text, 34, position + 1, end);
      if (close < 0) throw new LineError(position, `the quoted name after ${keyword} has no closing '"'`);
      name = this.table.at(text, position + 1, close);
      position = close + 1;
    } else {
      const nameEnd = scanMetricName(text, position, end);
      if (nameEnd === position)
        throw new LineError(
          position,
          `expected a metric name after ${keyword}, got ${quote(text, position, end)}`,
        );
      // TYPE usually follows HELP for the same name: no new string for it then.
      const current = this.current?.name;
      name =
        current !== undefined &&
        current.length === nameEnd - position &&
        regionEquals(text, position, current)
          ? current
          : text.slice(position, nameEnd);
      position = nameEnd;
    }
    if (position < end) {
      const code = text.charCodeAt(position);
      if (code !== 32 && code !== 9)
        throw new LineError(
          position,
          `expected a blank after the metric name ${JSON.stringify(name)}, got ${quote(text, position, end)}`,
        );
      // Prometheus takes everything after the one separating blank as the text.
      position++;
    }
    if (help) {
      const raw = text.slice(position, end);
      const help = raw.includes('\\') ? unescapeQuoted(text, position, end, false) : raw;
      this.metadata(name, 'help', help);
      return;
    }
    const type = typeAt(text, position, end);
    if (type === undefined)
      throw new LineError(
        position,
        `unknown metric type ${position < end ? JSON.stringify(text.slice(position, end)) : 'none'}: expected counter, gauge, histogram, summary or untyped`,
      );
    this.metadata(name, 'type', type);
  }

  /** A HELP or TYPE line: attaches to the family of that name unless it has samples of another kind already. */
  private metadata(name: string, field: 'help' | 'type', value: string): void {
    // A family's type may change here: the next sample's name is resolved afresh.
    this.lastEntry = undefined;
    let entry = this.current?.name === name ? this.current : this.byName.get(name);
    if (entry && entry.hasSamples && entry.family[field] !== value) entry = undefined;
    if (!entry) entry = this.newFamily(name, 'untyped');
    if (field === 'help') {
      entry.family.help = value;
      entry.helpSet = true;
    } else {
      entry.setType(value as MetricType);
      entry.typeSet = true;
    }
    this.current = entry;
  }

  private newFamily(name: string, type: MetricType): FamilyEntry {
    const entry = new FamilyEntry(name, type, false);
    this.families.push(entry.family);
    this.byName.set(name, entry);
    return entry;
  }

  private sample(text: string, start: number, end: number): void {
    let labels: Record<string, string>;
    let position: number;
    let nameEnd = start;
    let quotedName: string | undefined;
    let repeated = false;
    if (text.charCodeAt(start) === 123) {
      position = scanLabelSet(text, start, end, false, this.table, this.scan, true);
      labels = this.scan.labels;
      quotedName = this.scan.metricName;
      if (quotedName === undefined) throw new LineError(start, 'expected a metric name before the labels');
    } else {
      // The same name as the previous sample, in the same family: found by one native compare
      // (a name holds no newline, so a match lies within the line), then known to resolve alike.
      const last = this.lastName;
      repeated =
        this.lastEntry === this.current &&
        last !== '' &&
        text.startsWith(last, start) &&
        !isMetricNameChar(text.charCodeAt(start + last.length));
      nameEnd = repeated ? start + last.length : scanMetricName(text, start, end);
      if (nameEnd === start)
        throw new LineError(
          start,
          `expected a metric name, a comment or a blank line, got ${quote(text, start, end)}`,
        );
      position = skipBlanks(text, nameEnd, end);
      if (position < end && text.charCodeAt(position) === 123) {
        position = scanLabelSet(text, position, end, false, this.table, this.scan, false);
        labels = this.scan.labels;
      } else {
        labels = noLabels;
      }
    }
    position = skipBlanks(text, position, end);
    const valueEnd = tokenEnd(text, position, end);
    if (valueEnd === position) throw new LineError(position, 'expected a value after the metric name');
    const value = scanFloat(text, position, valueEnd, 'value');
    let name: string;
    if (quotedName !== undefined) name = this.resolveName(quotedName);
    else if (repeated) name = this.lastName;
    else {
      name = this.resolve(text, start, nameEnd);
      this.lastName = name;
      this.lastEntry = this.current;
    }
    const sample: ParsedSample = { name, labels, value };
    position = skipBlanks(text, valueEnd, end);
    if (position < end) {
      const timestampEnd = tokenEnd(text, position, end);
      sample.timestamp = scanInteger(text, position, timestampEnd, 'timestamp (milliseconds)');
      position = skipBlanks(text, timestampEnd, end);
      if (position < end)
        throw new LineError(
          position,
          `expected the end of the line after the timestamp, got ${quote(text, position, end)}`,
        );
    }
    const family = this.current?.family;
    if (family) {
      if (family.type === 'histogram' || family.type === 'summary')
        this.canonical.apply(family.type, sample.labels);
      family.samples.push(sample);
    }
    this.seriesCount++;
  }

  /** The sample's name, its family made current: the current one when the name is one of its. */
  private resolve(text: string, start: number, end: number): string {
    const current = this.current;
    if (current && current.match(text, start, end) >= 0) return current.matchedName;
    return this.resolveName(this.table.at(text, start, end));
  }

  private resolveName(name: string): string {
    const current = this.current;
    if (current && current.match(name, 0, name.length) >= 0) return current.matchedName;
    const exact = this.byName.get(name);
    if (exact && exact.match(name, 0, name.length) === SampleKind.bare) {
      this.current = exact;
      return name;
    }
    for (const suffix of familySuffixes) {
      if (!name.endsWith(suffix)) continue;
      const owner = this.byName.get(name.slice(0, -suffix.length));
      if (owner && owner.match(name, 0, name.length) >= 0) {
        this.current = owner;
        return owner.matchedName;
      }
    }
    this.current = this.newFamily(name, 'untyped');
    return name;
  }
}
