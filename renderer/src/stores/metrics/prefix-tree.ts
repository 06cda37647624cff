// Metric names grouped by their `_`-separated prefixes, as a collapsible tree
// (`node_` → `node_cpu_` → node_cpu_seconds_total), flattened to the rows in view for a
// virtualised list. A prefix becomes a group only when two or more names share it, and a
// group with a single sub-group and nothing else is merged into it, so no level is empty.
export interface PrefixGroup {
  kind: 'group';
  /** Ends with `_`, e.g. `node_cpu_`. */
  prefix: string;
  /** Families under it, at any depth. */
  count: number;
  children: PrefixNode[];
}

export interface PrefixLeaf {
  kind: 'family';
  name: string;
}

export type PrefixNode = PrefixGroup | PrefixLeaf;

/** The next `_`-ended word of `name` after `prefix`, or undefined when none is left. */
function nextWord(name: string, prefix: string): string | undefined {
  const cut = name.indexOf('_', prefix.length);
  // A trailing underscore, or none at all: the rest is the name's last word.
  if (cut === -1 || cut === name.length - 1) return undefined;
  return name.slice(0, cut + 1);
}

export function buildPrefixTree(names: readonly string[]): PrefixNode[] {
  return level([...names].sort(), '');
}

function level(sortedNames: readonly string[], prefix: string): PrefixNode[] {
  const groups = new Map<string, string[]>();
  const nodes: PrefixNode[] = [];
  for (const name of sortedNames) {
    const word = nextWord(name, prefix);
    if (word === undefined) {
      nodes.push({ kind: 'family', name });
      continue;
    }
    const members = groups.get(word);
    if (members) members.push(name);
    else groups.set(word, [name]);
  }
  for (const [word, members] of groups) {
    if (members.length === 1) {
      nodes.push({ kind: 'family', name: members[0] as string });
      continue;
    }
    nodes.push(
      collapse({ kind: 'group', prefix: word, count: members.length, children: level(members, word) }),
    );
  }
  return nodes.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

/** `node_` holding only `node_cpu_` becomes `node_cpu_` itself. */
function collapse(group: PrefixGroup): PrefixGroup {
  const only = group.children.length === 1 ? group.children[0] : undefined;
  return only?.kind === 'group' ? only : group;
}

function sortKey(node: PrefixNode): string {
  return node.kind === 'group' ? node.prefix : node.name;
}

export type TreeRow =
  | { kind: 'group'; prefix: string; count: number; depth: number; expanded: boolean }
  | { kind: 'family'; name: string; depth: number };

/** The rows to show, depth first; a collapsed group hides its children. */
export function flattenTree(
  nodes: readonly PrefixNode[],
  expanded: ReadonlySet<string>,
  depth = 0,
): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const node of nodes) {
    if (node.kind === 'family') {
      rows.push({ kind: 'family', name: node.name, depth });
      continue;
    }
    const open = expanded.has(node.prefix);
    rows.push({ kind: 'group', prefix: node.prefix, count: node.count, depth, expanded: open });
    if (open) rows.push(...flattenTree(node.children, expanded, depth + 1));
  }
  return rows;
}

/** Every group's prefix, to expand all. */
export function allPrefixes(nodes: readonly PrefixNode[]): string[] {
  return nodes.flatMap((node) => (node.kind === 'group' ? [node.prefix, ...allPrefixes(node.children)] : []));
}
