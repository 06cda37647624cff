import { describe, expect, it } from 'vitest';
import { defaultPorts, portTable, probeKindForPort } from './port-table';

describe('the default port table', () => {
  it('lists each port once, in order', () => {
    expect(new Set(defaultPorts).size).toBe(defaultPorts.length);
    expect([...defaultPorts].sort((a, b) => a - b)).toEqual(defaultPorts);
    expect(defaultPorts).toHaveLength(portTable.length);
  });

  it('probes each well-known port as its service', () => {
    expect(probeKindForPort(22)).toBe('ssh');
    for (const port of [80, 5000, 8080]) expect(probeKindForPort(port)).toBe('http');
    for (const port of [443, 5001, 8006, 8443]) expect(probeKindForPort(port)).toBe('https');
    expect(probeKindForPort(2375)).toBe('docker');
    expect(probeKindForPort(2376)).toBe('docker-tls');
    expect(probeKindForPort(5432)).toBe('postgres');
    expect(probeKindForPort(3306)).toBe('mysql');
    expect(probeKindForPort(27017)).toBe('mongodb');
    expect(probeKindForPort(6379)).toBe('redis');
    for (const port of [9090, 9091, 9100, 9104, 9115, 9116, 9121, 9130, 9187, 9216]) {
      expect(probeKindForPort(port)).toBe('exporter');
    }
    expect(probeKindForPort(12345)).toBeUndefined();
  });
});
