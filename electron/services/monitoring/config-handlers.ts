// The config.* operations: prometheus.yml and rule files rendered from a monitoring spec
// or the saved inventory (optionally merged into the user's own file), and checked.
import type { NamespaceHandlers } from '../boundary';
import type { InventoryStore } from '../discovery';
import { mergeMonitoringFiles, renderMonitoringFiles } from './build-monitoring-config';
import { checkMonitoringFiles } from './check-monitoring-files';
import { specFromInventory } from './inventory-spec';

export function configHandlers(inventory: InventoryStore): NamespaceHandlers<'config'> {
  return {
    'config.render': async ({ from, mergeInto }) => {
      const { spec, notes } =
        from.source === 'spec'
          ? { spec: from.spec, notes: [] }
          : specFromInventory(await inventory.get(), {
              includeSuggested: from.includeSuggested,
              ...(from.probeHost ? { probeHost: from.probeHost } : {}),
              ...(from.global ? { global: from.global } : {}),
            });
      if (mergeInto === undefined) return { files: renderMonitoringFiles(spec), spec, notes };
      const merged = mergeMonitoringFiles(mergeInto, spec);
      return { files: merged.files, spec, notes: [...notes, ...merged.notes] };
    },
    'config.check': ({ files }) => checkMonitoringFiles(files),
  };
}
