import { describe, expect, it } from 'vitest';
import { ipToNumber, isPrivateIPv4, numberToIp, parseIPv4, refusedRangeReason } from './ip-address';
import { parseTargets } from './targets';

describe('IPv4 numbers', () => {
  it('round-trips the edges', () => {
    for (const address of ['0.0.0.0', '10.0.0.1', '192.168.255.254', '255.255.255.255']) {
      expect(numberToIp(ipToNumber(address))).toBe(address);
    }
    expect(ipToNumber('10.203.0.1')).toBe(0x0acb0001);
    expect(ipToNumber('255.255.255.255')).toBe(0xffff_ffff);
  });
  it('refuses what inet_aton would read loosely', () => {
    for (const text of [
      '10.1',
      '010.0.0.1',
      '0x0a.0.0.1',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1.2.3.256',
      '+1.2.3.4',
      '1.2.3.4\n',
      '١.٢.٣.٤',
    ]) {
      expect(parseIPv4(text), text).toHaveProperty('problem');
      expect(() => ipToNumber(text)).toThrow(/VALIDATION|not an IPv4|leading zero|over 255/);
    }
  });
  it('refuses numbers that are not 32-bit addresses', () => {
    for (const value of [-1, 2 ** 32, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => numberToIp(value)).toThrow(/not a 32-bit/);
    }
  });
});

describe('isPrivateIPv4', () => {
  it('is true for RFC 1918 space only', () => {
    for (const address of ['10.0.0.0', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1']) {
      expect(isPrivateIPv4(address), address).toBe(true);
    }
    for (const address of [
      '172.15.255.255',
      '172.32.0.0',
      '192.169.0.1',
      '100.64.0.1',
      '8.8.8.8',
      '127.0.0.1',
      'nas',
      '10.0.0',
    ]) {
      expect(isPrivateIPv4(address), address).toBe(false);
    }
  });
});

describe('refused ranges', () => {
  it('names the range a span touches', () => {
    expect(refusedRangeReason(ipToNumber('126.0.0.0'), ipToNumber('128.0.0.0'))).toMatch(/loopback/);
    expect(refusedRangeReason(ipToNumber('223.255.255.255'), ipToNumber('224.0.0.0'))).toMatch(/multicast/);
    expect(refusedRangeReason(ipToNumber('255.255.255.255'), ipToNumber('255.255.255.255'))).toMatch(
      /broadcast/,
    );
    expect(refusedRangeReason(ipToNumber('1.0.0.0'), ipToNumber('126.255.255.255'))).toBeUndefined();
    expect(refusedRangeReason(ipToNumber('169.254.0.0'), ipToNumber('169.254.255.255'))).toBeUndefined();
  });
  it('refuses "localhost" through the real resolver (no network: /etc/hosts)', async () => {
    await expect(parseTargets(['localhost'])).rejects.toThrow(/loopback/);
  });
});
