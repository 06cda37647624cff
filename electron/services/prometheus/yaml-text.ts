// One place that turns plain objects into the YAML Promstead writes. Prometheus reads
// YAML with go-yaml (YAML 1.1), where a bare `no`, `on` or `0755` is not a string, so we
// emit 1.1 quoting; lines are never folded so a PromQL expression stays on one line.
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';

export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

export interface YamlTextOptions {
  /** Keys whose list values read better inline, like `source_labels: [__address__]`. */
  flowListKeys?: readonly string[];
  /** Keys whose map values hold lists that read better inline, like `params: {module: [x]}`. */
  flowListParents?: readonly string[];
  /** Comment lines put at the top of the file, without the leading `#`. */
  headerComment?: string;
}

export function toYamlText(value: YamlValue, options: YamlTextOptions = {}): string {
  const document = new Document(value, { version: '1.1' });
  const flowKeys = new Set(options.flowListKeys ?? []);
  const flowParents = new Set(options.flowListParents ?? []);
  visit(document, {
    Pair(_key, pair, path) {
      if (!isSeq(pair.value)) return;
      const parent = path.at(-2);
      const parentKey = isPair(parent) && isScalar(parent.key) ? parent.key.value : undefined;
      const ownKey = isScalar(pair.key) ? pair.key.value : undefined;
      if (
        (typeof ownKey === 'string' && flowKeys.has(ownKey)) ||
        (typeof parentKey === 'string' && flowParents.has(parentKey))
      ) {
        pair.value.flow = true;
      }
    },
  });
  if (options.headerComment !== undefined) {
    document.commentBefore = options.headerComment
      .split('\n')
      .map((line) => (line === '' ? '' : ` ${line}`))
      .join('\n');
  }
  return document.toString({
    lineWidth: 0,
    minContentWidth: 0,
    indentSeq: true,
    flowCollectionPadding: false,
  });
}

/** Code-unit order, not locale order, so every machine sorts the same way. */
export function compareStrings(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

export function sortedRecord<T extends YamlValue>(record: Record<string, T>): { [key: string]: T } {
  const out: { [key: string]: T } = {};
  for (const key of Object.keys(record).sort(compareStrings)) {
    const value = record[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? ([...value] as T) : value;
  }
  return out;
}
