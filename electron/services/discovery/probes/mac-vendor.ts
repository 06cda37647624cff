// The maker of a network card from its MAC's OUI, using the IEEE registry bundled in
// oui-data. The data is 5.6 MB: read only when a MAC first needs a vendor, then kept.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isLocallyAdministered, normalizeMac } from './mac-address';

// Blocks the IEEE split among several companies; oui-data lists the 28- and 36-bit
// assignments inside them separately, so this placeholder only means "not listed".
const registryPlaceholder = 'IEEE Registration Authority';
// Longest first: a 36-bit (MA-S) or 28-bit (MA-M) assignment is more specific than the 24-bit block.
const prefixLengths = [9, 7, 6] as const;

// Static reference data, loaded once per process and shared: not service state.
let vendorTable: Promise<Map<string, string>> | undefined;

export async function macVendor(mac: string): Promise<string | undefined> {
  const normal = normalizeMac(mac);
  if (!normal || isLocallyAdministered(normal)) return undefined;
  if ((parseInt(normal.slice(0, 2), 16) & 0x01) !== 0) return undefined;
  const hex = normal.replaceAll(':', '').toUpperCase();
  const table = await loadVendorTable();
  for (const length of prefixLengths) {
    const vendor = table.get(hex.slice(0, length));
    if (vendor && vendor !== registryPlaceholder) return vendor;
  }
  return undefined;
}

function loadVendorTable(): Promise<Map<string, string>> {
  vendorTable ??= readVendorTable().catch((error: unknown) => {
    // Let a later call try again instead of remembering the failure forever.
    vendorTable = undefined;
    throw error;
  });
  return vendorTable;
}

/** Keeps only each entry's first line, the organisation's name; the postal address is dropped. */
async function readVendorTable(): Promise<Map<string, string>> {
  const path = createRequire(import.meta.url).resolve('oui-data');
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  const table = new Map<string, string>();
  if (typeof parsed !== 'object' || parsed === null) return table;
  for (const [prefix, entry] of Object.entries(parsed)) {
    if (typeof entry !== 'string') continue;
    const name = entry.split('\n', 1)[0]?.trim();
    if (name) table.set(prefix.toUpperCase(), name);
  }
  return table;
}
