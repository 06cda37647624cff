// Numeric OIDs of the standard MIB objects discovery reads. Debian and many
// desktops ship no MIB files, so nothing is looked up by name.
export const systemOids = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
} as const satisfies Record<string, string>;

export const interfaceOids = {
  ifNumber: '1.3.6.1.2.1.2.1.0',
  /** The ifOperStatus column of ifTable: 1 = up. */
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8',
} as const satisfies Record<string, string>;

export const ifOperStatusUp = 1;

/** Where enterprise object IDs start: 1.3.6.1.4.1.<enterprise number>. */
export const enterprisesOid = '1.3.6.1.4.1';

/** Net-SNMP's own enterprise: agents built on it report it when not told otherwise. */
export const netSnmpEnterpriseOid = '1.3.6.1.4.1.8072';
