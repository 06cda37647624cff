// Label sets `{name="value",…}` read in place: names interned (a scrape repeats the same
// few thousand), values sliced once and unescaped only when they hold a backslash.
import { LineError, quote } from './line-error';
import type { NameTable } from './name-table';
import { isMetricNameChar, isNameChar, isNameStart } from './char-classes';

export { isMetricNameChar, isNameChar, isNameStart } from './char-classes';

/** First index of `code` in text[start, end), or -1: indexOf would search on past the line. */
export function indexInLine(text: string, code: number, start: number, end: number): number {
  for (let index = start; index < end; index++) if (text.charCodeAt(index) === code) return index;
  return -1;
}

/** End of a metric name starting at `start` ([a-zA-Z_:][a-zA-Z0-9_:]*), or `start` when none. */
export function scanMetricName(text: string, start: number, end: number): number {
  let index = start;
  const first = text.charCodeAt(index);
  if (index >= end || !(isNameStart(first) || first === 58)) return start;
  index++;
  while (index < end && isMetricNameChar(text.charCodeAt(index))) index++;
  return index;
}

/** Index of the quote closing a string opened just before `start`; `escaped` says a backslash was met. */
let escaped = false;
function closingQuote(text: string, start: number, end: number, labelName: string | undefined): number {
  escaped = false;
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 34) return index;
    if (code === 92) {
      escaped = true;
      index++;
    }
    index++;
  }
  const what = labelName === undefined ? 'quoted name' : `the value of label ${JSON.stringify(labelName)}`;
  throw new LineError(start - 1, `${what} has no closing '"'`);
}

/**
 * Unescapes `\\`, `\"` and `\n`; any other backslash stays as written, as both Prometheus
 * and the OpenMetrics reference parsers keep it.
 */
export function unescapeQuoted(text: string, start: number, end: number, quoteEscape = true): string {
  let result = '';
  let runStart = start;
  for (let index = start; index < end; index++) {
    if (text.charCodeAt(index) !== 92 || index + 1 >= end) continue;
    const next = text.charCodeAt(index + 1);
    const replacement =
      next === 92 ? '\\' : next === 110 ? '\n' : next === 34 && quoteEscape ? '"' : undefined;
    if (replacement === undefined) {
      index++;
      continue;
    }
    result += text.slice(runStart, index) + replacement;
    index++;
    runStart = index + 1;
  }
  return result + text.slice(runStart, end);
}

function skipBlanks(text: string, index: number, end: number, strict: boolean): number {
  if (strict) return index;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9) break;
    index++;
  }
  return index;
}

export interface LabelSetScan {
  /** A quoted name standing alone in the set: Prometheus 3's UTF-8 metric names. */
  metricName: string | undefined;
  /** Label names in the order read (also for the duplicate check). */
  names: string[];
  /** Their values, same order. */
  values: string[];
  /** The label set read: a new object each time. */
  labels: Record<string, string>;
  /** The last set built with a new shape, and its names: sets with the same names are cloned from it. */
  template: Record<string, string> | undefined;
  templateNames: string[];
  /** The names of a large set, for its duplicate check. */
  seen: Set<string>;
}

export function newLabelSetScan(): LabelSetScan {
  return {
    metricName: undefined,
    names: [],
    values: [],
    labels: {},
    template: undefined,
    templateNames: [],
    seen: new Set(),
  };
}

/**
 * The object for the names and values read. Cloning an object of the same shape, then
 * setting its properties, avoids the slow path of adding properties one by one to `{}`.
 */
function buildLabels(scan: LabelSetScan): void {
  const names = scan.names;
  const values = scan.values;
  const count = names.length;
  const template = scan.template;
  const templateNames = scan.templateNames;
  let same = template !== undefined && templateNames.length === count;
  for (let index = 0; same && index < count; index++) if (templateNames[index] !== names[index]) same = false;
  const labels: Record<string, string> = same ? { ...template } : {};
  for (let index = 0; index < count; index++) {
    const name = names[index] as string;
    // Assigning "__proto__" would set the prototype (and drop the label): define it instead.
    if (!same && name === '__proto__')
      Object.defineProperty(labels, name, {
        value: values[index],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else labels[name] = values[index] as string;
  }
  if (!same) {
    scan.template = labels;
    scan.templateNames = names.slice();
  }
  scan.labels = labels;
}

/**
 * Reads the label set whose `{` is at `open` into `scan.labels`; returns the offset after
 * its `}`. `strict` is OpenMetrics: no blanks and no trailing comma.
 */
export function scanLabelSet(
  text: string,
  open: number,
  end: number,
  strict: boolean,
  table: NameTable,
  scan: LabelSetScan,
  allowMetricName: boolean,
  exemplar = false,
): number {
  scan.metricName = undefined;
  const names = scan.names;
  const values = scan.values;
  names.length = 0;
  values.length = 0;
  let index = skipBlanks(text, open + 1, end, strict);
  if (text.charCodeAt(index) === 125 && index < end) {
    scan.labels = {};
    return index + 1;
  }
  for (;;) {
    let name: string;
    let quoted = false;
    const nameStart = index;
    const first = text.charCodeAt(index);
    if (index < end && first === 34) {
      const close = closingQuote(text, index + 1, end, undefined);
      name = table.intern(escaped ? unescapeQuoted(text, index + 1, close) : text.slice(index + 1, close));
      quoted = true;
      index = close + 1;
    } else if (index < end && isNameStart(first)) {
      index++;
      while (index < end && isNameChar(text.charCodeAt(index))) index++;
      name = table.labelName(text, nameStart, index, names.length);
    } else {
      throw new LineError(index, `expected a label name, got ${quote(text, index, end)}`);
    }
    index = skipBlanks(text, index, end, strict);
    let code = text.charCodeAt(index);
    if (quoted && index < end && (code === 44 || code === 125)) {
      if (!allowMetricName || scan.metricName !== undefined || names.length > 0)
        throw new LineError(nameStart, `unexpected quoted name ${JSON.stringify(name)} without '='`);
      scan.metricName = name;
    } else {
      if (index >= end || code !== 61)
        throw new LineError(
          index,
          `expected '=' after label name ${JSON.stringify(name)}, got ${quote(text, index, end)}`,
        );
      index = skipBlanks(text, index + 1, end, strict);
      if (index >= end || text.charCodeAt(index) !== 34)
        throw new LineError(
          index,
          `expected '"' to open the value of label ${JSON.stringify(name)}, got ${quote(text, index, end)}`,
        );
      const close = closingQuote(text, index + 1, end, name);
      const value = escaped
        ? table.intern(unescapeQuoted(text, index + 1, close))
        : table.labelValue(text, index + 1, close, names.length);
      if (names.length < 32) {
        for (let seen = 0; seen < names.length; seen++) {
          if (names[seen] === name)
            throw new LineError(nameStart, `label ${JSON.stringify(name)} appears twice`);
        }
      } else {
        // Past a few dozen labels the set is checked by lookup, so a huge set stays linear.
        if (names.length === 32) scan.seen = new Set(names);
        if (scan.seen.has(name))
          throw new LineError(nameStart, `label ${JSON.stringify(name)} appears twice`);
        scan.seen.add(name);
      }
      if (name === '__name__' && !exemplar)
        throw new LineError(nameStart, 'label name "__name__" is reserved for the metric name');
      names.push(name);
      values.push(value);
      index = skipBlanks(text, close + 1, end, strict);
      code = text.charCodeAt(index);
    }
    if (index < end && code === 44) {
      index = skipBlanks(text, index + 1, end, strict);
      if (index < end && text.charCodeAt(index) === 125) {
        if (strict) throw new LineError(index - 1, "a trailing ',' before '}' is not allowed in OpenMetrics");
        buildLabels(scan);
        return index + 1;
      }
      continue;
    }
    if (index < end && code === 125) {
      buildLabels(scan);
      return index + 1;
    }
    // Prometheus's text parser reads the next label without a comma between them.
    if (!strict && index < end) continue;
    throw new LineError(index, `expected ',' or '}' after a label, got ${quote(text, index, end)}`);
  }
}
