// The discovery.* operations: the scan job, its suggested targets, and the saved
// inventory with the user's names and notes.
import type { NamespaceHandlers } from '../boundary';
import { suggestSubnets } from '../net';
import type { SettingsService } from '../settings';
import type { SecretStore } from '../store';
import type { InventoryStore } from './inventory-store';
import { runScan } from './scan-job';

export interface DiscoveryHandlerServices {
  settings: SettingsService;
  secrets: SecretStore;
  inventory: InventoryStore;
}

export function discoveryHandlers({
  settings,
  secrets,
  inventory,
}: DiscoveryHandlerServices): NamespaceHandlers<'discovery'> {
  return {
    'discovery.suggestTargets': async () => ({ subnets: suggestSubnets() }),
    'discovery.scan': (input, job) =>
      runScan(input, job, {
        scanSettings: () => settings.get().scan,
        readSecret: (id) => secrets.get(id),
        inventory,
      }),
    'discovery.inventory': async () => inventory.get(),
    'discovery.annotate': ({ address, name, notes }) => inventory.annotate(address, { name, notes }),
  };
}
