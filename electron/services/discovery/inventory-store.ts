// The latest inventory on disk. A scan merges into it: the user's names and notes and
// the first-seen time survive, hosts of the scanned range that were not found again
// keep their last-seen time and are marked as not seen in the last scan.
import {
  InventorySchema,
  PromsteadError,
  type DiscoveredHost,
  type Inventory,
  type ScanResult,
} from '@shared/contract';
import { JsonStore } from '../store';

export class InventoryStore {
  private readonly store: JsonStore<Inventory>;

  constructor(file: string) {
    this.store = new JsonStore<Inventory>({
      file,
      schema: InventorySchema,
      version: 1,
      defaults: () => ({ targets: [], hosts: [] }),
    });
  }

  async load(): Promise<Awaited<ReturnType<JsonStore<Inventory>['load']>>> {
    return this.store.load();
  }

  get(): Inventory {
    return structuredClone(this.store.get());
  }

  /** Merges the hosts a scan found; `scanned` is every address the scan covered. */
  async merge(
    found: readonly DiscoveredHost[],
    scanned: ReadonlySet<string>,
    targets: readonly string[],
    scannedAt: number,
    lastScan?: ScanResult,
  ): Promise<Inventory> {
    return this.store.update((current) => {
      const previous = new Map(current.hosts.map((host) => [host.address, host]));
      const hosts = new Map<string, DiscoveredHost>();
      for (const host of found) {
        const before = previous.get(host.address);
        hosts.set(host.address, {
          ...host,
          firstSeen: before?.firstSeen ?? host.firstSeen,
          name: before?.name,
          notes: before?.notes,
          seenInLastScan: true,
        });
      }
      for (const host of current.hosts) {
        if (hosts.has(host.address)) continue;
        hosts.set(host.address, scanned.has(host.address) ? { ...host, seenInLastScan: false } : host);
      }
      return {
        scannedAt,
        ...(lastScan ? { lastScan } : {}),
        targets: [...targets],
        hosts: [...hosts.values()].sort(compareAddresses),
      };
    });
  }

  async annotate(address: string, annotation: { name?: string; notes?: string }): Promise<DiscoveredHost> {
    if (!this.store.get().hosts.some((host) => host.address === address)) {
      throw new PromsteadError('NOT_FOUND', `No discovered host ${address}: scan it first.`);
    }
    const updated = await this.store.update((current) => ({
      ...current,
      hosts: current.hosts.map((host) =>
        host.address !== address
          ? host
          : {
              ...host,
              ...(annotation.name !== undefined ? { name: annotation.name.trim() || undefined } : {}),
              ...(annotation.notes !== undefined ? { notes: annotation.notes.trim() || undefined } : {}),
            },
      ),
    }));
    const host = updated.hosts.find((candidate) => candidate.address === address);
    if (!host) throw new PromsteadError('NOT_FOUND', `No discovered host ${address}.`);
    return host;
  }
}

function addressKey(address: string): number {
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((part) => part >= 0 && part <= 255)
    ? parts.reduce((sum, part) => sum * 256 + part, 0)
    : Number.MAX_SAFE_INTEGER;
}

function compareAddresses(a: DiscoveredHost, b: DiscoveredHost): number {
  return addressKey(a.address) - addressKey(b.address) || a.address.localeCompare(b.address);
}
