import { describe, expect, it } from 'vitest';
import { isDeviceMac, isLocallyAdministered, normalizeMac } from './mac-address';
import { macVendor } from './mac-vendor';

describe('macVendor', () => {
  it.each([
    ['00:11:32:aa:bb:cc', 'Synology Incorporated'],
    ['24:5A:4C:01:02:03', 'Ubiquiti Inc'],
    ['00-1B-21-0a-0b-0c', 'Intel Corporate'],
    ['dc:a6:32:1:2:3', 'Raspberry Pi Trading Ltd'],
    ['000c.2912.3456', 'VMware, Inc.'],
  ])('%s → %s', async (mac, vendor) => {
    expect(await macVendor(mac)).toBe(vendor);
  });

  it('prefers a 28-bit (MA-M) assignment inside a block the IEEE split', async () => {
    // 10:06:48 is split; 10:06:48:0x is one company's MA-M, not "IEEE Registration Authority".
    const vendor = await macVendor('10:06:48:01:02:03');
    expect(vendor).toBeDefined();
    expect(vendor).not.toBe('IEEE Registration Authority');
  });

  it('names no vendor for software-chosen, group or malformed addresses', async () => {
    // A veth of the lab: random and locally administered (0xe6 has bit 1 set).
    expect(await macVendor('e6:b0:26:72:99:b6')).toBeUndefined();
    // Locally administered even though 02:11:32 would otherwise look like Synology's block.
    expect(await macVendor('02:11:32:aa:bb:cc')).toBeUndefined();
    expect(await macVendor('01:00:5e:00:00:01')).toBeUndefined();
    expect(await macVendor('ff:ff:ff:ff:ff:ff')).toBeUndefined();
    expect(await macVendor('not a mac')).toBeUndefined();
    expect(await macVendor('00:11:32:aa:bb')).toBeUndefined();
    expect(await macVendor('00:11:32:aa:bb:cc:dd')).toBeUndefined();
  });
});

describe('MAC forms', () => {
  it('normalises the forms the OS tools print', () => {
    expect(normalizeMac('0:11:32:A:B:C')).toBe('00:11:32:0a:0b:0c');
    expect(normalizeMac('00-11-32-0A-0B-0C')).toBe('00:11:32:0a:0b:0c');
    expect(normalizeMac('0011.320a.0b0c')).toBe('00:11:32:0a:0b:0c');
    expect(normalizeMac('0011320A0B0C')).toBe('00:11:32:0a:0b:0c');
    expect(normalizeMac('(incomplete)')).toBeUndefined();
    expect(normalizeMac('00:11:32:0a:0b:0g')).toBeUndefined();
    expect(normalizeMac('000:11:32:0a:0b:0c')).toBeUndefined();
  });

  it('tells device addresses from group and empty ones', () => {
    expect(isDeviceMac('00:11:32:0a:0b:0c')).toBe(true);
    expect(isDeviceMac('00:00:00:00:00:00')).toBe(false);
    expect(isDeviceMac('ff:ff:ff:ff:ff:ff')).toBe(false);
    expect(isDeviceMac('33:33:00:00:00:01')).toBe(false);
    expect(isLocallyAdministered('02:00:00:00:00:01')).toBe(true);
    expect(isLocallyAdministered('00:11:32:0a:0b:0c')).toBe(false);
  });
});
