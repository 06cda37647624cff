// The hosts the user added, saved atomically: address, login, the pinned host key and
// how root-only steps run. Secrets are referred to by SecretStore id, never held here.
import { z } from 'zod';
import { HostSchema, PromsteadError, connectionLabel, type Host } from '@shared/contract';
import { JsonStore, type LoadResult } from '../store';

const HostsFileSchema = z.object({ hosts: z.array(HostSchema) });
type HostsFile = z.infer<typeof HostsFileSchema>;

export class HostStore {
  private readonly store: JsonStore<HostsFile>;

  constructor(file: string) {
    this.store = new JsonStore<HostsFile>({
      file,
      schema: HostsFileSchema,
      version: 1,
      defaults: () => ({ hosts: [] }),
    });
  }

  load(): Promise<LoadResult<HostsFile>> {
    return this.store.load();
  }

  list(): Host[] {
    return structuredClone(this.store.get().hosts);
  }

  get(id: string): Host {
    const host = this.store.get().hosts.find((candidate) => candidate.id === id);
    if (!host)
      throw new PromsteadError('NOT_FOUND', `No host "${id}": \`promstead host list\` shows the hosts.`);
    return structuredClone(host);
  }

  /** Refuses a second host with the same login on the same address and port, or the same Docker endpoint. */
  async add(host: Host): Promise<Host> {
    await this.store.update((current) => {
      const same = current.hosts.find(
        (existing) => existing.id === host.id || connectionLabel(existing) === connectionLabel(host),
      );
      if (same) {
        throw new PromsteadError(
          'CONFLICT',
          `Host "${same.name}" (${connectionLabel(same)}) is already added.`,
        );
      }
      return { hosts: [...current.hosts, host].sort((a, b) => a.name.localeCompare(b.name)) };
    });
    return structuredClone(host);
  }

  async update(id: string, change: (host: Host) => Host): Promise<Host> {
    let updated: Host | undefined;
    await this.store.update((current) => ({
      hosts: current.hosts.map((host) => {
        if (host.id !== id) return host;
        updated = HostSchema.parse(change(structuredClone(host)));
        return updated;
      }),
    }));
    if (!updated) throw new PromsteadError('NOT_FOUND', `No host "${id}".`);
    return structuredClone(updated);
  }

  async remove(id: string): Promise<Host> {
    const host = this.get(id);
    await this.store.update((current) => ({ hosts: current.hosts.filter((entry) => entry.id !== id) }));
    return host;
  }
}

/** A readable id from the name: `diskstation`, `diskstation-2`… */
export function hostIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'host';
  if (!taken.has(base)) return base;
  for (let n = 2; n < 10_000; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  throw new PromsteadError('CONFLICT', `Too many hosts named "${name}".`);
}
