import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { suggestSubnets, type InterfaceTable } from './subnet-suggestions';

function v4(
  address: string,
  netmask: string,
  prefix: number | undefined,
  internal = false,
): NetworkInterfaceInfo {
  return {
    address,
    netmask,
    family: 'IPv4',
    mac: '02:00:00:00:00:01',
    internal,
    cidr: prefix === undefined ? null : `${address}/${prefix}`,
  };
}

const v6: NetworkInterfaceInfo = {
  address: 'fe80::1',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '02:00:00:00:00:01',
  internal: false,
  cidr: 'fe80::1/64',
  scopeid: 2,
};

describe('suggestSubnets', () => {
  it('offers the network of each private LAN, not loopback, IPv6, CGNAT or public space', () => {
    const table: InterfaceTable = {
      lo: [v4('127.0.0.1', '255.0.0.0', 8, true)],
      eth0: [v4('192.168.1.23', '255.255.255.0', 24), v6],
      wlan0: [v4('172.20.5.9', '255.255.240.0', 20)],
      tailscale0: [v4('100.101.102.103', '255.192.0.0', 10)],
      wan: [v4('203.0.113.7', '255.255.255.0', 24)],
    };
    expect(suggestSubnets(table)).toEqual([
      { cidr: '192.168.1.0/24', interface: 'eth0', address: '192.168.1.23' },
      { cidr: '172.20.0.0/20', interface: 'wlan0', address: '172.20.5.9' },
    ]);
  });
  it('narrows a LAN wider than a /16 to the /24 around this machine', () => {
    expect(suggestSubnets({ eth0: [v4('10.1.2.3', '255.0.0.0', 8)] })).toEqual([
      { cidr: '10.1.2.0/24', interface: 'eth0', address: '10.1.2.3' },
    ]);
    expect(suggestSubnets({ eth0: [v4('10.1.2.3', '255.255.0.0', 16)] })[0]?.cidr).toBe('10.1.0.0/16');
  });
  it('reads the prefix from the netmask when there is no cidr field', () => {
    expect(suggestSubnets({ en0: [v4('192.168.7.200', '255.255.255.128', undefined)] })[0]?.cidr).toBe(
      '192.168.7.128/25',
    );
    expect(suggestSubnets({ en0: [v4('192.168.7.200', '255.0.255.0', undefined)] })).toEqual([]);
  });
  it('dedupes a subnet seen on two interfaces, keeping the first', () => {
    const table = {
      eth0: [v4('192.168.1.2', '255.255.255.0', 24)],
      wlan0: [v4('192.168.1.3', '255.255.255.0', 24)],
    };
    expect(suggestSubnets(table)).toEqual([
      { cidr: '192.168.1.0/24', interface: 'eth0', address: '192.168.1.2' },
    ]);
  });
  it('skips container bridges and point-to-point links', () => {
    const table: InterfaceTable = {
      docker0: [v4('172.17.0.1', '255.255.0.0', 16)],
      'br-0123456789ab': [v4('172.18.0.1', '255.255.0.0', 16)],
      vethabc: [v4('172.19.0.1', '255.255.0.0', 16)],
      wg0: [v4('10.8.0.2', '255.255.255.255', 32)],
      tun0: [v4('10.9.0.2', '255.255.255.254', 31)],
      eth0: undefined,
    };
    expect(suggestSubnets(table)).toEqual([]);
  });
  it('reads this machine by default', () => {
    for (const suggestion of suggestSubnets()) expect(suggestion.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });
});
