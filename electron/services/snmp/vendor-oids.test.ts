import { describe, expect, it } from 'vitest';
import { oidIsUnder } from './snmp-values';
import {
  isGenericAgent,
  pickVendorInfo,
  vendorEntriesFor,
  vendorOidTable,
  vendorOidsOf,
} from './vendor-oids';

const dsmObjectId = '1.3.6.1.4.1.8072.3.2.10';
const dsmDescr = 'Linux DiskStation 4.4.302+ #72806 SMP Thu Sep 5 13:44:21 CST 2024 x86_64';

describe('the vendor OID table', () => {
  it.each(vendorOidTable)('$vendor: every OID is a numeric scalar under its enterprise', (entry) => {
    expect(entry.enterprise).toMatch(/^1\.3\.6\.1\.4\.1\.\d+$/);
    for (const oid of Object.values(entry.oids)) {
      expect(oid).toMatch(/^\d+(\.\d+)+\.0$/);
      expect(oidIsUnder(oid, entry.enterprise)).toBe(true);
    }
  });

  it('has the Synology and UniFi OIDs discovery relies on', () => {
    const synology = vendorOidTable.find((entry) => entry.vendor === 'Synology');
    expect(synology?.oids).toEqual({
      model: '1.3.6.1.4.1.6574.1.5.1.0',
      serial: '1.3.6.1.4.1.6574.1.5.2.0',
      version: '1.3.6.1.4.1.6574.1.5.3.0',
    });
    const unifi = vendorOidTable.find((entry) => entry.enterprise === '1.3.6.1.4.1.41112');
    expect(unifi?.oids).toEqual({
      model: '1.3.6.1.4.1.41112.1.6.3.3.0',
      version: '1.3.6.1.4.1.41112.1.6.3.6.0',
    });
  });
});

describe('isGenericAgent', () => {
  it('recognises Net-SNMP on Linux, as Synology DSM reports itself', () => {
    expect(isGenericAgent(dsmObjectId, dsmDescr)).toBe(true);
    expect(isGenericAgent('1.3.6.1.4.1.11863.1.1.3', 'Linux 5.10 armv7l')).toBe(true);
    expect(isGenericAgent('', 'anything')).toBe(true);
  });

  it('leaves devices with their own identity alone', () => {
    expect(
      isGenericAgent('1.3.6.1.4.1.11863.1.1.3', 'TP-Link JetStream 8-Port Gigabit L2 Managed Switch'),
    ).toBe(false);
    expect(isGenericAgent('1.3.6.1.4.1.41112.1.6', 'UAP-AC-Pro 6.5.62.14792')).toBe(false);
  });
});

describe('vendorEntriesFor', () => {
  it('always probes Synology on a generic Linux agent', () => {
    const vendors = vendorEntriesFor(dsmObjectId, dsmDescr).map((entry) => entry.vendor);
    expect(vendors).toContain('Synology');
  });

  it('puts the vendor the sysObjectID names first, without repeating it', () => {
    const vendors = vendorEntriesFor('1.3.6.1.4.1.41112.1.6', 'Linux UAP 3.3.8').map((entry) => entry.vendor);
    expect(vendors[0]).toBe('Ubiquiti UniFi');
    expect(new Set(vendors).size).toBe(vendors.length);
  });

  it('asks nothing of a switch whose vendor is not in the table', () => {
    expect(vendorEntriesFor('1.3.6.1.4.1.11863.1.1.3', 'TP-Link JetStream switch')).toEqual([]);
  });
});

describe('vendorOidsOf', () => {
  it('lists each OID once', () => {
    const oids = vendorOidsOf([...vendorOidTable, ...vendorOidTable]);
    expect(new Set(oids).size).toBe(oids.length);
    expect(oids).toContain('1.3.6.1.4.1.6574.1.5.1.0');
  });
});

describe('pickVendorInfo', () => {
  const values = new Map([
    ['1.3.6.1.4.1.6574.1.5.1.0', 'DS920+'],
    ['1.3.6.1.4.1.6574.1.5.2.0', '2040PDN123456'],
    ['1.3.6.1.4.1.6574.1.5.3.0', 'DSM 7.2.1-69057'],
  ]);

  it('takes the first vendor the agent answered for', () => {
    const entries = vendorEntriesFor(dsmObjectId, dsmDescr);
    expect(pickVendorInfo(entries, (oid) => values.get(oid))).toEqual({
      model: 'DS920+',
      serial: '2040PDN123456',
      version: 'DSM 7.2.1-69057',
    });
  });

  it('leaves out fields the agent lacks and ignores empty strings', () => {
    const unifi = vendorOidTable.filter((entry) => entry.vendor === 'Ubiquiti UniFi');
    const answers = new Map([
      ['1.3.6.1.4.1.41112.1.6.3.3.0', 'UAP-AC-Pro'],
      ['1.3.6.1.4.1.41112.1.6.3.6.0', ''],
    ]);
    expect(pickVendorInfo(unifi, (oid) => answers.get(oid))).toEqual({ model: 'UAP-AC-Pro' });
  });

  it('gives undefined when the agent knows none of them', () => {
    expect(pickVendorInfo(vendorOidTable, () => undefined)).toBeUndefined();
  });
});
