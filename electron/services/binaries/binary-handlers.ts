// The binaries.* operations, over the same SystemdBinaryCache the systemd deploys read:
// what a user adds here is what the next plan finds.
import {
  type BinaryArchitecture,
  type CachedBinaryEntry,
  type ExporterId,
  ExporterIdSchema,
  type LinuxArchitecture,
  PromsteadError,
} from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import { findExporter, type RenderContext, versionOf } from '../exporters';
import type { CacheEntry, SystemdBinaryCache } from './systemd-binary-cache';

// The contract's architectures and the catalog's must be the same list, both ways.
const sameArchitectures: [BinaryArchitecture, LinuxArchitecture] extends [
  LinuxArchitecture,
  BinaryArchitecture,
]
  ? true
  : never = true;
void sameArchitectures;

export interface BinaryHandlerDependencies {
  cache: SystemdBinaryCache;
  /** The settings' render context for one exporter: its pinned version, if any. */
  renderContextFor: (exporter: string) => RenderContext;
}

export function binaryHandlers(deps: BinaryHandlerDependencies): NamespaceHandlers<'binaries'> {
  const { cache } = deps;
  return {
    'binaries.list': async ({ exporter }) => ({
      binaries: (await cache.list()).flatMap((entry) =>
        exporter === undefined || entry.exporter === exporter ? contractEntry(entry) : [],
      ),
    }),
    'binaries.add': async ({ exporter, file, version, arch }) => {
      const definition = findExporter(exporter);
      if (!definition?.binary) {
        throw new PromsteadError(
          'VALIDATION',
          `${definition?.name ?? exporter} has no release binary for systemd installs: there is nothing to cache for it.`,
        );
      }
      // What a deploy would look for: the version pinned in settings, else the catalog's.
      const resolvedVersion = version ?? versionOf(deps.renderContextFor(exporter), definition.version);
      const added = await cache.addLocalFile({
        exporter,
        version: resolvedVersion,
        source: file,
        release: definition.binary,
        ...(arch ? { arch } : {}),
      });
      const binary = entryOf({ ...added, intact: true }, exporter);
      return added.replacedSha256 ? { binary, replacedSha256: added.replacedSha256 } : { binary };
    },
    'binaries.remove': async ({ exporter, version, arch }) => {
      const removed = await cache.remove(exporter, version, arch);
      if (removed.length === 0) {
        const which = [exporter, version, arch].filter(Boolean).join(' ');
        throw new PromsteadError(
          'NOT_FOUND',
          `The cache holds no ${which}: \`promstead binary list\` shows what it holds.`,
        );
      }
      return { removed: removed.flatMap(contractEntry) };
    },
  };
}

/** Folders of exporters the catalog no longer has are left out rather than failing the list. */
function contractEntry(entry: CacheEntry): CachedBinaryEntry[] {
  const exporter = ExporterIdSchema.safeParse(entry.exporter);
  return exporter.success ? [entryOf(entry, exporter.data)] : [];
}

function entryOf(entry: CacheEntry, exporter: ExporterId): CachedBinaryEntry {
  const { version, arch, sha256, size, path, intact } = entry;
  return { exporter, version, arch, sha256, size, path, intact };
}
