// Vendor scalars that name a device's model and firmware. A table, so adding a
// vendor is a data change; which entries to ask a given agent is decided here too.
import type { SnmpInfo } from '@shared/contract';
import { oidIsUnder } from './snmp-values';
import { netSnmpEnterpriseOid } from './standard-oids';

export interface VendorOidEntry {
  vendor: string;
  /** The sysObjectID prefix (1.3.6.1.4.1.<enterprise number>) that names this vendor. */
  enterprise: string;
  oids: { model: string; version?: string; serial?: string };
  /**
   * Also ask when the agent only says "Net-SNMP on Linux": Synology DSM reports
   * 1.3.6.1.4.1.8072.3.2.10 and UniFi firmware often does too, so the sysObjectID
   * alone would never lead to their model OIDs.
   */
  probeOnGenericAgent: boolean;
}

export const vendorOidTable = [
  {
    vendor: 'Synology',
    enterprise: '1.3.6.1.4.1.6574',
    oids: {
      model: '1.3.6.1.4.1.6574.1.5.1.0',
      serial: '1.3.6.1.4.1.6574.1.5.2.0',
      version: '1.3.6.1.4.1.6574.1.5.3.0',
    },
    probeOnGenericAgent: true,
  },
  {
    vendor: 'Ubiquiti UniFi',
    enterprise: '1.3.6.1.4.1.41112',
    oids: {
      model: '1.3.6.1.4.1.41112.1.6.3.3.0',
      version: '1.3.6.1.4.1.41112.1.6.3.6.0',
    },
    probeOnGenericAgent: true,
  },
] as const satisfies readonly VendorOidEntry[];

export type VendorInfo = NonNullable<SnmpInfo['vendor']>;

/** An agent that names no vendor of its own: Net-SNMP's ID, none at all, or a Linux sysDescr. */
export function isGenericAgent(sysObjectID: string, sysDescr: string): boolean {
  return sysObjectID === '' || oidIsUnder(sysObjectID, netSnmpEnterpriseOid) || /\blinux\b/i.test(sysDescr);
}

/** The entries worth asking this agent about, the one its sysObjectID names first. */
export function vendorEntriesFor(
  sysObjectID: string,
  sysDescr: string,
  table: readonly VendorOidEntry[] = vendorOidTable,
): VendorOidEntry[] {
  const named = table.filter((entry) => sysObjectID !== '' && oidIsUnder(sysObjectID, entry.enterprise));
  const probed = isGenericAgent(sysObjectID, sysDescr)
    ? table.filter((entry) => entry.probeOnGenericAgent && !named.includes(entry))
    : [];
  return [...named, ...probed];
}

export function vendorOidsOf(entries: readonly VendorOidEntry[]): string[] {
  const oids = entries.flatMap((entry) => [entry.oids.model, entry.oids.version, entry.oids.serial]);
  return [...new Set(oids.filter((oid): oid is string => oid !== undefined))];
}

/** The first entry the agent answered for; undefined when it knew none of them. */
export function pickVendorInfo(
  entries: readonly VendorOidEntry[],
  valueOf: (oid: string) => string | undefined,
): VendorInfo | undefined {
  for (const entry of entries) {
    const info: VendorInfo = {};
    for (const field of ['model', 'version', 'serial'] as const) {
      const oid: string | undefined = entry.oids[field];
      const value = oid === undefined ? undefined : valueOf(oid);
      if (value !== undefined && value !== '') info[field] = value;
    }
    if (Object.keys(info).length > 0) return info;
  }
  return undefined;
}
