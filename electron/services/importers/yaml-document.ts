// Small helpers over yaml's Document API for editing a user's file in place: a key is
// rewritten only when its value really changes, so comments and unknown keys survive.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, isSeq, parseDocument, type Document, type Node, YAMLMap, YAMLSeq } from 'yaml';

export class ConfigImportError extends Error {
  override readonly name = 'ConfigImportError';
}

/** Parses YAML keeping comments, anchors and key order; throws on syntax errors. */
export function parseEditableDocument(text: string): Document {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    throw new ConfigImportError(document.errors.map((error) => error.message).join('; '));
  }
  return document;
}

/** Sets map[key] unless it already holds an equal value; keeps the node (and its comments) then. */
export function setIfChanged(document: Document, map: YAMLMap, key: string, value: unknown): void {
  const wanted = document.createNode(value, { aliasDuplicateObjects: false });
  const current: unknown = map.get(key, true);
  const currentValue = isNode(current) ? current.toJSON() : current;
  if (isDeepStrictEqual(currentValue, isNode(wanted) ? wanted.toJSON() : value)) return;
  map.set(key, wanted);
}

export function toPlain(node: Node | null | undefined): unknown {
  return node ? (node.toJSON() as unknown) : undefined;
}

/** The map under `key` of the root, created when absent. */
export function rootMap(document: Document, key: string): YAMLMap {
  const existing = document.get(key, true);
  if (isMap(existing)) return existing;
  const created = new YAMLMap();
  document.set(key, created);
  return created;
}

export function rootSeq(document: Document, key: string): YAMLSeq {
  const existing = document.get(key, true);
  if (isSeq(existing)) return existing;
  const created = new YAMLSeq();
  document.set(key, created);
  return created;
}

/** Marks every sequence found under the given keys as a flow sequence ([a, b]). */
export function flowListsUnder(node: unknown, keys: readonly string[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      if (keys.includes(key) && isSeq(pair.value)) pair.value.flow = true;
      flowListsUnder(pair.value, keys);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) flowListsUnder(item, keys);
  }
}

/** Output options that reproduce the usual hand-written style ([a, b], long lines kept). */
export const editableOutput = { lineWidth: 0, flowCollectionPadding: false } as const;
