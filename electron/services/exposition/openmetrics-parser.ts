// OpenMetrics 1.0 text, read strictly as its specification says: single spaces, no
// blank lines or free comments, metadata before a family's samples, families and metric
// points contiguous, exemplars where allowed, a final `# EOF`; timestamps in seconds
// become milliseconds (kept as floats, so sub-millisecond precision is not lost).
import type { MetricType } from '@shared/contract';
import type { ParsedExemplar, ParsedFamily, ParsedSample } from './exposition-types';
import { CanonicalLabels } from './canonical-float';
import { FamilyEntry, SampleKind } from './family-entry';
import { LineError, quote } from './line-error';
import type { LineSink } from './line-sink';
import {
  type LabelSetScan,
  indexInLine,
  isMetricNameChar,
  newLabelSetScan,
  scanLabelSet,
  scanMetricName,
  unescapeQuoted,
} from './label-set-scanner';
import { NameTable } from './name-table';
import { scanFloat } from './number-syntax';
import { type OpenFamily, checkSampleValue, trackPoint } from './openmetrics-checks';

const openMetricsTypes: readonly MetricType[] = [
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'stateset',
  'info',
  'summary',
  'unknown',
];

/** The exemplar's label names and values together, in characters. */
const exemplarLabelLimit = 128;

function tokenEnd(text: string, index: number, end: number): number {
  const space = indexInLine(text, 32, index, end);
  return space < 0 ? end : space;
}

function characters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

export class OpenMetricsParser implements LineSink {
  seriesCount = 0;
  private readonly families: ParsedFamily[] = [];
  private current: OpenFamily | undefined;
  /** Every sample name a closed family could have: a later family may not reuse one. */
  private readonly seenNames = new Set<string>();
  private eof = false;
  private readonly table = new NameTable();
  private readonly canonical = new CanonicalLabels((text) => {
    try {
      return scanFloat(text, 0, text.length, 'label value');
    } catch {
      return undefined;
    }
  });
  private readonly scan: LabelSetScan = newLabelSetScan();
  private readonly exemplarScan: LabelSetScan = newLabelSetScan();

  line(text: string, start: number, end: number): void {
    if (this.eof) throw new LineError(start, 'nothing may follow "# EOF"');
    if (start === end) throw new LineError(start, 'blank lines are not allowed in OpenMetrics');
    if (text.charCodeAt(end - 1) === 13)
      throw new LineError(
        end - 1,
        'carriage return at the end of the line: OpenMetrics lines end with \\n alone',
      );
    if (text.charCodeAt(start) === 35) this.descriptor(text, start, end);
    else this.sample(text, start, end);
  }

  finish(): ParsedFamily[] {
    if (!this.eof)
      throw new LineError(0, 'the exposition does not end with "# EOF" (OpenMetrics requires it)');
    return this.families;
  }

  private descriptor(text: string, start: number, end: number): void {
    const keyword = start + 2;
    if (text.charCodeAt(start + 1) === 32 && keyword + 3 === end && text.startsWith('EOF', keyword)) {
      this.closeCurrent(start);
      this.eof = true;
      return;
    }
    const word = text.slice(keyword, keyword + 5);
    if (text.charCodeAt(start + 1) !== 32 || (word !== 'HELP ' && word !== 'TYPE ' && word !== 'UNIT '))
      throw new LineError(
        start,
        'expected "# HELP", "# TYPE", "# UNIT" or "# EOF": OpenMetrics allows no other comments',
      );
    const kind = word.slice(0, 4);
    let position = keyword + 5;
    let name: string;
    if (text.charCodeAt(position) === 34) {
      const close = indexInLine(text, 34, position + 1, end);
      if (close < 0) throw new LineError(position, `the quoted name after ${kind} has no closing '"'`);
      name = this.table.at(text, position + 1, close);
      position = close + 1;
    } else {
      const nameEnd = scanMetricName(text, position, end);
      if (nameEnd === position)
        throw new LineError(
          position,
          `expected a metric name after ${kind}, got ${quote(text, position, end)}`,
        );
      name = this.table.at(text, position, nameEnd);
      position = nameEnd;
    }
    const what = kind === 'HELP' ? 'the help text' : kind === 'TYPE' ? 'the type' : 'the unit';
    if (position >= end || text.charCodeAt(position) !== 32)
      throw new LineError(
        position,
        `expected one space after ${JSON.stringify(name)}, then ${what}; got ${quote(text, position, end)}`,
      );
    position++;
    const family = this.familyForMetadata(name, kind, start);
    const entry = family.entry;
    if (kind === 'HELP') {
      entry.family.help = unescapeQuoted(text, position, end);
      entry.helpSet = true;
    } else if (kind === 'TYPE') {
      const type = text.slice(position, end) as MetricType;
      if (!openMetricsTypes.includes(type))
        throw new LineError(
          position,
          `unknown metric type ${position < end ? JSON.stringify(text.slice(position, end)) : 'none'}: expected ${openMetricsTypes.join(', ')}`,
        );
      entry.setType(type);
      entry.typeSet = true;
      this.checkUnitAllowed(entry, position);
    } else {
      for (let index = position; index < end; index++) {
        if (!isMetricNameChar(text.charCodeAt(index)))
          throw new LineError(
            index,
            `a unit is made of letters, digits, '_' and ':', got ${quote(text, index, end)}`,
          );
      }
      const unit = text.slice(position, end);
      if (unit !== '' && !name.endsWith(`_${unit}`))
        throw new LineError(
          position,
          `the family name ${JSON.stringify(name)} must end with "_${unit}", its unit`,
        );
      entry.family.unit = unit;
      entry.unitSet = true;
      this.checkUnitAllowed(entry, position);
    }
  }

  private checkUnitAllowed(entry: FamilyEntry, at: number): void {
    const type = entry.family.type;
    if (entry.family.unit !== '' && (type === 'info' || type === 'stateset'))
      throw new LineError(at, `a ${type} family has no unit (${JSON.stringify(entry.name)})`);
  }

  private familyForMetadata(name: string, kind: string, at: number): OpenFamily {
    const current = this.current;
    if (current && current.entry.name === name) {
      const entry = current.entry;
      if (entry.hasSamples)
        throw new LineError(at, `# ${kind} for ${JSON.stringify(name)} must come before its samples`);
      const set = kind === 'HELP' ? entry.helpSet : kind === 'TYPE' ? entry.typeSet : entry.unitSet;
      if (set) throw new LineError(at, `a second # ${kind} line for ${JSON.stringify(name)}`);
      return current;
    }
    this.closeCurrent(at);
    return this.openFamily(name);
  }

  private openFamily(name: string): OpenFamily {
    const entry = new FamilyEntry(name, 'unknown', true);
    this.families.push(entry.family);
    this.current = {
      entry,
      seenGroups: new Set(),
      group: undefined,
      groupTimestamp: null,
      point: undefined,
      points: [],
    };
    return this.current;
  }

  private closeCurrent(at: number): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    if (current.point) current.points.push(current.point);
    const gauge = current.entry.family.type === 'gaugehistogram';
    for (const point of current.points) point.finish(gauge, at);
    for (const name of current.entry.possibleNames()) {
      if (this.seenNames.has(name))
        throw new LineError(
          at,
          `the family ${JSON.stringify(current.entry.name)} clashes with an earlier family over the name ${JSON.stringify(name)} (families must be contiguous and distinct)`,
        );
      this.seenNames.add(name);
    }
  }

  private sample(text: string, start: number, end: number): void {
    let labels: Record<string, string>;
    let position: number;
    let nameEnd = start;
    let quotedName: string | undefined;
    if (text.charCodeAt(start) === 123) {
      position = scanLabelSet(text, start, end, true, this.table, this.scan, true);
      labels = this.scan.labels;
      quotedName = this.scan.metricName;
      if (quotedName === undefined) throw new LineError(start, 'expected a metric name before the labels');
    } else {
      nameEnd = scanMetricName(text, start, end);
      if (nameEnd === start)
        throw new LineError(
          start,
          `expected a metric name or "# HELP", "# TYPE", "# UNIT", "# EOF"; got ${quote(text, start, end)}`,
        );
      position = nameEnd;
      if (text.charCodeAt(position) === 123 && position < end) {
        position = scanLabelSet(text, position, end, true, this.table, this.scan, false);
        labels = this.scan.labels;
      } else {
        this.scan.names.length = 0;
        labels = {};
      }
    }
    if (position >= end || text.charCodeAt(position) !== 32)
      throw new LineError(position, `expected one space, then the value; got ${quote(text, position, end)}`);
    const valueStart = position + 1;
    const valueEnd = tokenEnd(text, valueStart, end);
    if (valueEnd === valueStart)
      throw new LineError(valueStart, `expected a value, got ${quote(text, valueStart, end)}`);
    const value = scanFloat(text, valueStart, valueEnd, 'value');
    const kind = this.resolve(quotedName, text, start, nameEnd);
    const family = this.current as OpenFamily;
    const entry = family.entry;
    const sample: ParsedSample = { name: entry.matchedName, labels, value };
    if (valueEnd < end) {
      position = valueEnd + 1;
      let exemplarFollows = true;
      if (position >= end)
        throw new LineError(
          position,
          'expected a timestamp or an exemplar after the space, got the end of the line',
        );
      if (text.charCodeAt(position) !== 35) {
        const timestampEnd = tokenEnd(text, position, end);
        if (timestampEnd === position)
          throw new LineError(position, `expected a timestamp, got ${quote(text, position, end)}`);
        sample.timestamp = scanFloat(text, position, timestampEnd, 'timestamp (seconds)', false, 3);
        exemplarFollows = timestampEnd < end;
        position = timestampEnd + 1;
      }
      if (exemplarFollows) {
        if (position >= end || !text.startsWith('# {', position) || position + 3 > end)
          throw new LineError(
            position,
            `expected " # {" to start an exemplar, got ${quote(text, position, end)}`,
          );
        const allowed =
          (entry.family.type === 'counter' && kind === SampleKind.total) ||
          ((entry.family.type === 'histogram' || entry.family.type === 'gaugehistogram') &&
            kind === SampleKind.bucket);
        if (!allowed)
          throw new LineError(
            position,
            `exemplars are only allowed on counter _total and histogram _bucket samples, not on ${sample.name}`,
          );
        sample.exemplar = this.exemplar(text, position + 2, end);
      }
    }
    checkSampleValue(entry, kind, sample, valueStart);
    trackPoint(family, kind, sample, this.scan.names, start);
    const type = entry.family.type;
    if (type === 'histogram' || type === 'summary') this.canonical.apply(type, sample.labels);
    entry.family.samples.push(sample);
    this.seriesCount++;
  }

  private exemplar(text: string, open: number, end: number): ParsedExemplar {
    const scan = this.exemplarScan;
    let position = scanLabelSet(text, open, end, true, this.table, scan, false, true);
    const labels = scan.labels;
    let size = 0;
    for (const name of scan.names) size += characters(name) + characters(labels[name] ?? '');
    if (size > exemplarLabelLimit)
      throw new LineError(
        open,
        `the exemplar's labels have ${size} characters, more than the limit of ${exemplarLabelLimit}`,
      );
    if (position >= end || text.charCodeAt(position) !== 32)
      throw new LineError(
        position,
        `expected one space, then the exemplar's value; got ${quote(text, position, end)}`,
      );
    position++;
    const valueEnd = tokenEnd(text, position, end);
    const exemplar: ParsedExemplar = {
      labels,
      value: scanFloat(text, position, valueEnd, "exemplar's value"),
    };
    if (valueEnd < end) {
      const timestampEnd = tokenEnd(text, valueEnd + 1, end);
      if (timestampEnd < end || timestampEnd === valueEnd + 1)
        throw new LineError(
          valueEnd,
          `expected the end of the line or one space and the exemplar's timestamp, got ${quote(text, valueEnd, end)}`,
        );
      exemplar.timestamp = scanFloat(
        text,
        valueEnd + 1,
        timestampEnd,
        "exemplar's timestamp (seconds)",
        false,
        3,
      );
    }
    return exemplar;
  }

  /** Makes the sample's family current (a new unknown one when its name is not the current family's); returns its kind. */
  private resolve(quotedName: string | undefined, text: string, start: number, end: number): number {
    const current = this.current;
    if (current) {
      const kind =
        quotedName === undefined
          ? current.entry.match(text, start, end)
          : current.entry.match(quotedName, 0, quotedName.length);
      if (kind >= 0) return kind;
    }
    const name = quotedName ?? this.table.at(text, start, end);
    this.closeCurrent(start);
    this.openFamily(name).entry.match(name, 0, name.length);
    return SampleKind.bare;
  }
}
