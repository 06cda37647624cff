import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch, highlightRuns } from './fuzzy-match';

const names = [
  'node_cpu_seconds_total',
  'node_cpu_guest_seconds_total',
  'node_memory_MemAvailable_bytes',
  'node_network_receive_bytes_total',
  'process_cpu_seconds_total',
  'go_gc_duration_seconds',
];

describe('fuzzyMatch', () => {
  it('matches letters in order, case-insensitively, and keeps their positions', () => {
    const match = fuzzyMatch('NCS', 'node_cpu_seconds_total');
    expect(match?.positions).toEqual([0, 5, 9]);
    expect(fuzzyMatch('xyz', 'node_cpu_seconds_total')).toBeUndefined();
    expect(fuzzyMatch('sz', 'node_seconds')).toBeUndefined();
  });

  it('prefers word starts over the first occurrence', () => {
    // A camel-case hump counts as a word start too.
    expect(fuzzyMatch('memav', 'node_memory_MemAvailable_bytes')?.positions).toEqual([5, 6, 7, 15, 16]);
    expect(fuzzyMatch('rb', 'node_network_receive_bytes_total')?.positions).toEqual([13, 21]);
  });

  it('matches everything for an empty query', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, positions: [] });
  });
});

describe('fuzzyFilter', () => {
  it('ranks a prefix, then word starts, above scattered letters', () => {
    const ranked = fuzzyFilter('cpu', names, (name) => name).map((entry) => entry.item);
    expect(ranked.slice(0, 3)).toEqual([
      'node_cpu_seconds_total',
      'process_cpu_seconds_total',
      'node_cpu_guest_seconds_total',
    ]);
    expect(fuzzyFilter('node_cpu', names, (name) => name)[0]?.item).toBe('node_cpu_seconds_total');
    expect(fuzzyFilter('gcd', names, (name) => name)[0]?.item).toBe('go_gc_duration_seconds');
  });

  it('filters 10,000 names with a result for each that matches', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => `family_${index}_bytes`);
    expect(fuzzyFilter('f99b', many, (name) => name).length).toBeGreaterThan(0);
  });
});

describe('highlightRuns', () => {
  it('splits a name into matched and plain runs', () => {
    expect(highlightRuns('node_cpu', [0, 5, 6, 7])).toEqual([
      { text: 'n', matched: true },
      { text: 'ode_', matched: false },
      { text: 'cpu', matched: true },
    ]);
  });
});
