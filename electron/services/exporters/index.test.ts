import { describe, expect, it } from 'vitest';
import { exporterIds } from '@shared/contract';
import { exporterCatalog, findExporter } from './index';

describe('exporterCatalog', () => {
  it('keys every entry by its own discovery id', () => {
    for (const [key, definition] of Object.entries(exporterCatalog)) {
      expect(definition.id).toBe(key);
      expect(exporterIds).toContain(key);
    }
  });

  it('finds covered exporters and returns undefined for the rest', () => {
    expect(findExporter('node_exporter')?.name).toBe('Node Exporter');
    expect(findExporter('blackbox_exporter')?.defaultPort).toBe(9115);
    expect(findExporter('snmp_exporter')?.defaultPort).toBe(9116);
    // Probe kinds are jobs of blackbox_exporter, not exporters of their own.
    expect(findExporter('blackbox_icmp')).toBeUndefined();
  });

  it('renders through the erased type after parsing params', () => {
    const definition = findExporter('node_exporter');
    if (!definition) throw new Error('node_exporter missing');
    const params = definition.params.parse({ port: 9101 });
    expect(definition.dockerContainer(params, {}).Cmd).toContain('--web.listen-address=:9101');
  });

  it('offers a systemd unit exactly where systemd is an install style', () => {
    for (const definition of Object.values(exporterCatalog)) {
      const styles: readonly string[] = definition.installStyles;
      expect(styles.includes('systemd')).toBe('systemdUnit' in definition);
    }
  });
});
