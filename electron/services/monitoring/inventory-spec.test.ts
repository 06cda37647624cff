import { describe, expect, it } from 'vitest';
import type { Inventory } from '@shared/contract';
import { describeWithPromtool } from '../prometheus/promtool-test-support';
import { renderMonitoringFiles } from './build-monitoring-config';
import { checkMonitoringFiles } from './check-monitoring-files';
import { specFromInventory } from './inventory-spec';
import { community, inventory } from './test-inventory.fixture';

describe('specFromInventory', () => {
  it('scrapes what runs now, and says what it left out and why', () => {
    const { spec, notes } = specFromInventory(inventory, { includeSuggested: false });
    expect(spec.exporters).toEqual([
      {
        exporter: 'node_exporter',
        host: '10.203.0.20',
        tier: 'standard',
        params: { port: 9100 },
        labels: { role: 'nas' },
      },
    ]);
    expect(notes).toContain('1 host(s) not seen in the last scan were left out.');
  });

  it('with the suggestions: databases, probes through blackbox and SNMP polls through one auth', () => {
    const { spec, notes } = specFromInventory(inventory, {
      includeSuggested: true,
      probeHost: '10.203.0.20',
    });
    expect(spec.exporters.map((entry) => `${entry.exporter}@${entry.host}`)).toEqual([
      'node_exporter@10.203.0.20',
      'postgres_exporter@10.203.0.20',
      'redis_exporter@10.203.0.20',
      'blackbox_exporter@10.203.0.20',
      'snmp_exporter@10.203.0.20',
    ]);
    const snmp = spec.exporters.find((entry) => entry.exporter === 'snmp_exporter');
    expect(snmp?.params).toEqual({
      auths: [{ name: 'v2c_1', version: 'v2c', communitySecretId: 'snmp.v2c_1' }],
      polls: [
        { module: 'if_mib', auth: 'v2c_1', targets: ['10.203.0.2', '10.203.0.3'] },
        { module: 'unifi', auth: 'v2c_1', targets: ['10.203.0.3'] },
      ],
    });
    expect(notes.join('\n')).toMatch(/mikrotik module is not built in/);
    expect(notes.join('\n')).toMatch(/postgres_exporter\.10\.203\.0\.20/);
  });

  it('never writes the community into the rendered files', () => {
    const { spec } = specFromInventory(inventory, { includeSuggested: true, probeHost: '10.203.0.20' });
    const text = renderMonitoringFiles(spec)
      .map((file) => file.content)
      .join('\n');
    expect(text).toContain('10.203.0.2');
    expect(text).not.toContain(community);
  });

  it('without a probe host, leaves probes and SNMP devices out with the flag to give', () => {
    const { spec, notes } = specFromInventory(inventory, { includeSuggested: true });
    expect(spec.exporters.some((entry) => entry.exporter === 'blackbox_exporter')).toBe(false);
    expect(notes).toContain(
      '2 ping and 0 HTTP probe(s) left out: say where blackbox_exporter runs (--probe-host).',
    );
    expect(notes).toContain('2 SNMP device(s) left out: say where snmp_exporter runs (--probe-host).');
  });

  it('uses a blackbox_exporter the scan found running as the probe host', () => {
    const withBlackbox: Inventory = {
      ...inventory,
      hosts: inventory.hosts.map((entry) =>
        entry.address === '10.203.0.20'
          ? {
              ...entry,
              suggestions: [
                ...entry.suggestions,
                {
                  exporter: 'blackbox_exporter',
                  reason: 'running',
                  present: true,
                  target: '10.203.0.20:9115',
                },
              ],
            }
          : entry,
      ),
    };
    const { spec } = specFromInventory(withBlackbox, { includeSuggested: true });
    expect(spec.exporters.find((entry) => entry.exporter === 'blackbox_exporter')?.host).toBe('10.203.0.20');
  });

  it('asks for a scan when the inventory is empty', () => {
    expect(() => specFromInventory({ targets: [], hosts: [] }, { includeSuggested: false })).toThrow(
      /run a scan first/,
    );
  });
});

describeWithPromtool('a config from the inventory', () => {
  it('passes promtool check config', async () => {
    const { spec } = specFromInventory(inventory, { includeSuggested: true, probeHost: '10.203.0.20' });
    const files = renderMonitoringFiles(spec);
    await expect(files[0]?.content).toMatchFileSnapshot('__golden__/inventory-prometheus.yml.golden');
    const result = await checkMonitoringFiles(files);
    expect(result.checks.filter((check) => !check.ok)).toEqual([]);
  });
});
