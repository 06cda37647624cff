// What Promstead deployed on each host, saved atomically: uninstall removes exactly
// what a record lists, and re-applies add to it rather than forget earlier work.
import { z } from 'zod';
import { type DeploymentRecord, DeploymentRecordSchema, type ExporterId } from '@shared/contract';
import { JsonStore, type LoadResult } from '../store';

const DeploymentsFileSchema = z.object({ deployments: z.array(DeploymentRecordSchema) });
type DeploymentsFile = z.infer<typeof DeploymentsFileSchema>;

export type CreatedItems = DeploymentRecord['created'];

export function emptyCreated(): CreatedItems {
  return { containers: [], images: [], files: [], directories: [], units: [], users: [] };
}

/** The union of two created lists, order kept, each item once. */
export function mergeCreated(first: CreatedItems, second: CreatedItems): CreatedItems {
  const merge = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];
  return {
    containers: merge(first.containers, second.containers),
    images: merge(first.images, second.images),
    files: merge(first.files, second.files),
    directories: merge(first.directories, second.directories),
    units: merge(first.units, second.units),
    users: merge(first.users, second.users),
  };
}

export class DeploymentStore {
  private readonly store: JsonStore<DeploymentsFile>;

  constructor(file: string) {
    this.store = new JsonStore<DeploymentsFile>({
      file,
      schema: DeploymentsFileSchema,
      version: 1,
      defaults: () => ({ deployments: [] }),
    });
  }

  load(): Promise<LoadResult<DeploymentsFile>> {
    return this.store.load();
  }

  list(hostId?: string): DeploymentRecord[] {
    return structuredClone(
      this.store.get().deployments.filter((record) => hostId === undefined || record.hostId === hostId),
    );
  }

  get(hostId: string, exporter: ExporterId): DeploymentRecord | undefined {
    return this.list(hostId).find((record) => record.exporter === exporter);
  }

  /** Saves the record; an earlier one for the same host and exporter keeps what it created. */
  async record(record: DeploymentRecord): Promise<DeploymentRecord> {
    let saved = record;
    await this.store.update((current) => {
      const earlier = current.deployments.find(
        (entry) => entry.hostId === record.hostId && entry.exporter === record.exporter,
      );
      saved = earlier ? { ...record, created: mergeCreated(earlier.created, record.created) } : record;
      return {
        deployments: [...current.deployments.filter((entry) => entry !== earlier), saved].sort(
          (a, b) => a.hostId.localeCompare(b.hostId) || a.exporter.localeCompare(b.exporter),
        ),
      };
    });
    return structuredClone(saved);
  }

  async remove(hostId: string, exporter: ExporterId): Promise<void> {
    await this.store.update((current) => ({
      deployments: current.deployments.filter(
        (entry) => !(entry.hostId === hostId && entry.exporter === exporter),
      ),
    }));
  }
}
