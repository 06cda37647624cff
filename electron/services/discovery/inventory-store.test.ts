import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscoveredHost } from '@shared/contract';
import { InventoryStore } from './inventory-store';

function host(
  address: string,
  at: number,
  kind: DiscoveredHost['classification']['kind'] = 'unknown',
): DiscoveredHost {
  return {
    address,
    liveness: 'icmp',
    services: [],
    classification: { kind, confidence: 0.5, evidence: [] },
    suggestions: [],
    firstSeen: at,
    lastSeen: at,
    seenInLastScan: true,
  };
}

describe('InventoryStore', () => {
  let dir: string;
  let store: InventoryStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promstead-inventory-'));
    store = new InventoryStore(join(dir, 'inventory.json'));
    await store.load();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps names, notes and first-seen across a rescan, and takes the new facts', async () => {
    await store.merge(
      [host('10.0.0.2', 100), host('10.0.0.10', 100)],
      new Set(['10.0.0.2', '10.0.0.10']),
      ['10.0.0.0/24'],
      100,
    );
    await store.annotate('10.0.0.10', { name: 'NAS', notes: 'in the attic' });
    await store.merge([host('10.0.0.10', 200, 'nas')], new Set(['10.0.0.10']), ['10.0.0.10'], 200);
    const nas = store.get().hosts.find((candidate) => candidate.address === '10.0.0.10');
    expect(nas).toMatchObject({
      name: 'NAS',
      notes: 'in the attic',
      firstSeen: 100,
      lastSeen: 200,
      seenInLastScan: true,
    });
    expect(nas?.classification.kind).toBe('nas');
  });

  it('marks a host of the scanned range that did not answer, keeping when it was last seen', async () => {
    await store.merge(
      [host('10.0.0.2', 100), host('10.0.0.3', 100)],
      new Set(['10.0.0.2', '10.0.0.3']),
      ['10.0.0.0/24'],
      100,
    );
    await store.merge([host('10.0.0.2', 200)], new Set(['10.0.0.2', '10.0.0.3']), ['10.0.0.0/24'], 200);
    expect(store.get().hosts.find((candidate) => candidate.address === '10.0.0.3')).toMatchObject({
      seenInLastScan: false,
      lastSeen: 100,
    });
  });

  it('leaves hosts outside the scanned range as they were, and sorts by address numerically', async () => {
    await store.merge(
      [host('10.0.0.10', 100), host('10.0.0.9', 100)],
      new Set(['10.0.0.9', '10.0.0.10']),
      ['10.0.0.0/24'],
      100,
    );
    await store.merge([host('10.0.0.2', 200)], new Set(['10.0.0.2']), ['10.0.0.2'], 200);
    expect(store.get().hosts.map((candidate) => [candidate.address, candidate.seenInLastScan])).toEqual([
      ['10.0.0.2', true],
      ['10.0.0.9', true],
      ['10.0.0.10', true],
    ]);
  });

  it('refuses to annotate a host it does not know', async () => {
    await expect(store.annotate('10.9.9.9', { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('clears a name given as blank', async () => {
    await store.merge([host('10.0.0.2', 100)], new Set(['10.0.0.2']), ['10.0.0.2'], 100);
    await store.annotate('10.0.0.2', { name: 'Printer' });
    expect((await store.annotate('10.0.0.2', { name: '  ' })).name).toBeUndefined();
  });
});
