import { describe, expect, it } from 'vitest';
import { scanPhases } from '@shared/contract';
import { formatConfidence, formatUptime, phaseLabel, serviceBadge } from './discovery-labels';

describe('discovery labels', () => {
  it('names a service alone on its usual port, with the port otherwise', () => {
    expect(serviceBadge({ port: 22, service: 'ssh' })).toBe('ssh');
    expect(serviceBadge({ port: 5000, service: 'http' })).toBe('http:5000');
    expect(serviceBadge({ port: 5432, service: 'postgres' })).toBe('postgres');
    expect(serviceBadge({ port: 8443, service: 'unknown' })).toBe('tcp:8443');
    expect(
      serviceBadge({
        port: 9100,
        service: 'exporter',
        exporter: { name: 'node_exporter', version: '1.5.0' },
      }),
    ).toBe('node_exporter:9100');
  });

  it('reads confidence as a percentage and uptime in the largest units', () => {
    expect(formatConfidence(0.953)).toBe('95%');
    expect(formatConfidence(1.2)).toBe('100%');
    expect(formatUptime(42)).toBe('42 s');
    expect(formatUptime(3 * 86_400 + 4 * 3600 + 5)).toBe('3 d 4 h');
    expect(formatUptime(5 * 3600 + 12 * 60)).toBe('5 h 12 min');
  });

  it('labels every phase a scan declares, each differently', () => {
    expect(phaseLabel('liveness')).toBe('Liveness');
    expect(phaseLabel('snmp')).toBe('SNMP');
    const labels = scanPhases.map(phaseLabel);
    expect(new Set(labels).size).toBe(scanPhases.length);
  });
});
