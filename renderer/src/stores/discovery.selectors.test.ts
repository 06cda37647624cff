import { describe, expect, it } from 'vitest';
import { makeHost } from './discovery.fixtures';
import type { HostsByAddress, ScanView } from './discovery.reducer';
import {
  compareAddresses,
  countByKind,
  hostDisplayName,
  nextSort,
  phaseSteps,
  scanErrorOf,
  selectHosts,
  type HostQuery,
} from './discovery.selectors';

const snmp = {
  version: 'v2c' as const,
  credential: 'public',
  sysDescr: 'Linux nas 4.4',
  sysObjectID: '1.3.6.1.4.1.6574.1',
  sysName: 'diskstation',
  sysLocation: '',
  sysContact: '',
  sysUpTimeSeconds: 100,
};

const hosts: HostsByAddress = Object.fromEntries(
  [
    makeHost('10.0.0.10', {
      hostname: 'pve.lan',
      classification: { kind: 'hypervisor', confidence: 0.8, evidence: [] },
    }),
    makeHost('10.0.0.2', {
      snmp,
      classification: { kind: 'nas', vendor: 'Synology', model: 'DS920+', confidence: 0.95, evidence: [] },
    }),
    makeHost('10.0.0.100', {
      classification: { kind: 'switch', vendor: 'MikroTik', confidence: 0.7, evidence: [] },
    }),
    makeHost('9.1.1.1', {
      name: 'Edge router',
      classification: { kind: 'router', confidence: 0.6, evidence: [] },
    }),
    makeHost('fe80::1'),
  ].map((host) => [host.address, host]),
);

const query = (change: Partial<HostQuery> = {}): HostQuery => ({
  filter: '',
  kind: 'all',
  sort: { key: 'address', direction: 'asc' },
  ...change,
});

const addresses = (change: Partial<HostQuery> = {}): string[] =>
  selectHosts(hosts, query(change)).map((host) => host.address);

describe('host list', () => {
  it('sorts addresses numerically, IPv4 first', () => {
    expect(compareAddresses('10.0.0.2', '10.0.0.10')).toBeLessThan(0);
    expect(addresses()).toEqual(['9.1.1.1', '10.0.0.2', '10.0.0.10', '10.0.0.100', 'fe80::1']);
    expect(addresses({ sort: { key: 'address', direction: 'desc' } })).toEqual([
      'fe80::1',
      '10.0.0.100',
      '10.0.0.10',
      '10.0.0.2',
      '9.1.1.1',
    ]);
  });

  it('names a host by the user name, then sysName, then hostname', () => {
    expect(hostDisplayName(hosts['9.1.1.1']!)).toBe('Edge router');
    expect(hostDisplayName(hosts['10.0.0.2']!)).toBe('diskstation');
    expect(hostDisplayName(hosts['10.0.0.10']!)).toBe('pve.lan');
    expect(hostDisplayName(hosts['fe80::1']!)).toBeUndefined();
  });

  it('sorts by name with nameless hosts last in either direction', () => {
    expect(addresses({ sort: { key: 'name', direction: 'asc' } })).toEqual([
      '10.0.0.2',
      '9.1.1.1',
      '10.0.0.10',
      '10.0.0.100',
      'fe80::1',
    ]);
    expect(addresses({ sort: { key: 'name', direction: 'desc' } }).slice(0, 3)).toEqual([
      '10.0.0.10',
      '9.1.1.1',
      '10.0.0.2',
    ]);
  });

  it('filters by words across address, name, vendor, model and kind', () => {
    expect(addresses({ filter: 'synology' })).toEqual(['10.0.0.2']);
    expect(addresses({ filter: 'ds920' })).toEqual(['10.0.0.2']);
    expect(addresses({ filter: '10.0.0.1' })).toEqual(['10.0.0.10', '10.0.0.100']);
    expect(addresses({ filter: 'EDGE' })).toEqual(['9.1.1.1']);
    expect(addresses({ filter: 'hypervisor pve' })).toEqual(['10.0.0.10']);
    expect(addresses({ filter: 'hypervisor synology' })).toEqual([]);
  });

  it('filters by kind, with the text filter too', () => {
    expect(addresses({ kind: 'switch' })).toEqual(['10.0.0.100']);
    expect(addresses({ kind: 'switch', filter: 'synology' })).toEqual([]);
    expect(countByKind(hosts)).toEqual({ hypervisor: 1, nas: 1, switch: 1, router: 1, unknown: 1 });
  });

  it('flips the direction of the sorted column, and starts another ascending', () => {
    expect(nextSort({ key: 'address', direction: 'asc' }, 'address')).toEqual({
      key: 'address',
      direction: 'desc',
    });
    expect(nextSort({ key: 'address', direction: 'desc' }, 'kind')).toEqual({
      key: 'kind',
      direction: 'asc',
    });
  });
});

describe('scan phases', () => {
  const scan = (change: Partial<ScanView>): ScanView => ({
    jobId: 's',
    state: 'running',
    phases: {
      snmp: { current: 2, total: 6, message: '' },
      resolve: { current: 1, total: 1, message: '' },
      liveness: { current: 254, total: 254, message: '' },
    },
    phase: 'snmp',
    found: {},
    followedSince: 0,
    lastSeq: 3,
    problems: [],
    ...change,
  });

  it('lists the phases in scan order with the current one marked', () => {
    expect(phaseSteps(scan({})).map((step) => [step.phase, step.status])).toEqual([
      ['resolve', 'done'],
      ['liveness', 'done'],
      ['snmp', 'current'],
    ]);
    expect(phaseSteps(scan({ state: 'done' })).every((step) => step.status === 'done')).toBe(true);
    expect(phaseSteps(scan({ state: 'cancelled' })).at(-1)?.status).toBe('stopped');
  });

  it('shows a refused start, or a failed scan', () => {
    const error = { code: 'VALIDATION' as const, message: 'targets: Too small' };
    expect(scanErrorOf({ startError: error })).toBe(error);
    expect(scanErrorOf({ scan: scan({ state: 'failed', error }) })).toBe(error);
    expect(scanErrorOf({ scan: scan({}) })).toBeUndefined();
  });
});
