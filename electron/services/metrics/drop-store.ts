// The drop rules saved per deployment (host and exporter), in `metric-drops.json`: written
// atomically and versioned like every state file. Deploying Prometheus renders them into
// the scrape jobs, so saving alone changes nothing on a host.
import { z } from 'zod';
import { type DropRule, type ExporterId, type SavedDrops, SavedDropsSchema } from '@shared/contract';
import { JsonStore, type LoadResult } from '../store';

const DropsFileSchema = z.object({ drops: z.array(SavedDropsSchema) });
type DropsFile = z.infer<typeof DropsFileSchema>;

export const dropsFileName = 'metric-drops.json';

export class DropStore {
  private readonly store: JsonStore<DropsFile>;

  constructor(file: string) {
    this.store = new JsonStore<DropsFile>({
      file,
      schema: DropsFileSchema,
      version: 1,
      defaults: () => ({ drops: [] }),
    });
  }

  load(): Promise<LoadResult<DropsFile>> {
    return this.store.load();
  }

  /** Every deployment's rules, or one host's. */
  list(hostId?: string): SavedDrops[] {
    return structuredClone(
      this.store.get().drops.filter((entry) => hostId === undefined || entry.hostId === hostId),
    );
  }

  get(hostId: string, exporter: ExporterId): DropRule[] {
    return this.list(hostId).find((entry) => entry.exporter === exporter)?.rules ?? [];
  }

  /** Replaces the deployment's rules; an empty list removes its entry. */
  async save(hostId: string, exporter: ExporterId, rules: readonly DropRule[]): Promise<SavedDrops> {
    const saved: SavedDrops = { hostId, exporter, rules: structuredClone([...rules]) };
    await this.store.update((current) => {
      const others = current.drops.filter(
        (entry) => !(entry.hostId === hostId && entry.exporter === exporter),
      );
      const drops = rules.length > 0 ? [...others, saved] : others;
      drops.sort((a, b) => a.hostId.localeCompare(b.hostId) || a.exporter.localeCompare(b.exporter));
      return { drops };
    });
    return structuredClone(saved);
  }
}
