import { describe, expect, it } from 'vitest';
import { allPrefixes, buildPrefixTree, flattenTree } from './prefix-tree';

const names = [
  'node_cpu_seconds_total',
  'node_cpu_guest_seconds_total',
  'node_memory_MemFree_bytes',
  'node_memory_MemTotal_bytes',
  'node_load1',
  'go_goroutines',
  'up',
];

describe('buildPrefixTree', () => {
  it('groups names sharing a prefix, leaves lone names as they are', () => {
    const tree = buildPrefixTree(names);
    expect(tree.map((node) => (node.kind === 'group' ? `${node.prefix}(${node.count})` : node.name))).toEqual(
      ['go_goroutines', 'node_(5)', 'up'],
    );
    const node = tree[1];
    if (node?.kind !== 'group') throw new Error('node_ is a group');
    expect(node.children.map((child) => (child.kind === 'group' ? child.prefix : child.name))).toEqual([
      'node_cpu_',
      'node_load1',
      'node_memory_',
    ]);
  });

  it('merges a group that holds only one sub-group into it', () => {
    const tree = buildPrefixTree(['a_b_c_one', 'a_b_c_two']);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ kind: 'group', prefix: 'a_b_c_', count: 2 });
  });

  it('takes names with trailing or no underscores as leaves', () => {
    expect(buildPrefixTree(['x_', 'x', 'y'])).toEqual([
      { kind: 'family', name: 'x' },
      { kind: 'family', name: 'x_' },
      { kind: 'family', name: 'y' },
    ]);
  });
});

describe('flattenTree', () => {
  it('shows collapsed groups alone and expanded ones with their children, indented', () => {
    const tree = buildPrefixTree(names);
    expect(flattenTree(tree, new Set()).map((row) => row.kind)).toEqual(['family', 'group', 'family']);
    const rows = flattenTree(tree, new Set(['node_', 'node_cpu_']));
    expect(rows.map((row) => `${row.depth}:${row.kind === 'group' ? row.prefix : row.name}`)).toEqual([
      '0:go_goroutines',
      '0:node_',
      '1:node_cpu_',
      '2:node_cpu_guest_seconds_total',
      '2:node_cpu_seconds_total',
      '1:node_load1',
      '1:node_memory_',
      '0:up',
    ]);
    expect(allPrefixes(tree)).toEqual(['node_', 'node_cpu_', 'node_memory_']);
  });

  it('builds and flattens 10,000 families', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => `app_${index % 50}_metric_${index}_total`);
    const tree = buildPrefixTree(many);
    const rows = flattenTree(tree, new Set(allPrefixes(tree)));
    expect(rows.filter((row) => row.kind === 'family')).toHaveLength(10_000);
  });
});
