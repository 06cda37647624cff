import type { CatalogEntry } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import {
  buildDeployInput,
  discoveredHostFor,
  portsOf,
  savedHostFor,
  suggestedSelection,
} from './deploy-selection';
import { makeHost } from './discovery.fixtures';

function entry(id: string, defaultPort: number): CatalogEntry {
  return {
    id,
    name: id,
    summary: '',
    defaultPort,
    version: '1.0.0',
    image: `prom/${id}`,
    installStyles: ['docker'],
    proofMetrics: [],
  };
}

const catalog = [entry('node_exporter', 9100), entry('redis_exporter', 9121)];
const nas = makeHost('10.0.0.5', {
  suggestions: [
    { exporter: 'node_exporter', reason: 'Linux with SSH', present: false },
    { exporter: 'redis_exporter', reason: 'Redis on 6379', present: true },
    { exporter: 'snmp_exporter', reason: 'SNMP answered', present: false },
  ],
});

describe('the discovered host of a saved host', () => {
  it('prefers the address it was added from, then its own address', () => {
    const other = makeHost('10.0.0.9');
    expect(discoveredHostFor({ address: 'nas.lan', discoveredAddress: '10.0.0.5' }, [other, nas])).toBe(nas);
    expect(discoveredHostFor({ address: '10.0.0.9' }, [other, nas])).toBe(other);
    expect(discoveredHostFor({ address: '10.0.0.1' }, [other, nas])).toBeUndefined();
  });

  it('finds the saved host for a discovered address the same two ways', () => {
    const hosts = [
      { id: 'a', address: '10.0.0.5' },
      { id: 'b', address: 'nas.lan', discoveredAddress: '10.0.0.5' },
    ];
    expect(savedHostFor('10.0.0.5', hosts)).toBe('b');
    expect(savedHostFor('10.0.0.7', hosts)).toBeUndefined();
  });
});

describe('preselected suggestions', () => {
  it('keeps what is not running yet and is in the catalog, with its reason', () => {
    expect(suggestedSelection(nas, catalog)).toEqual({
      node_exporter: { paramsText: '{}', reason: 'Linux with SSH' },
    });
    expect(suggestedSelection(undefined, catalog)).toEqual({});
  });
});

describe('the deploy input', () => {
  it('refuses no host, no exporter, and parameters that are not a JSON object', () => {
    expect(buildDeployInput(undefined, { node_exporter: { paramsText: '{}' } })).toMatchObject({ ok: false });
    expect(buildDeployInput('nas', {})).toEqual({ ok: false, error: 'Choose at least one exporter.' });
    for (const text of ['[1]', '{"port":', '"x"', 'null']) {
      const built = buildDeployInput('nas', { node_exporter: { paramsText: text } });
      expect(built.ok).toBe(false);
    }
  });

  it('carries each chosen exporter with its parameters, auto method', () => {
    const built = buildDeployInput('nas', {
      node_exporter: { paramsText: '{"port": 38791, "containerName": "x"}' },
      redis_exporter: { paramsText: '' },
    });
    expect(built).toEqual({
      ok: true,
      input: {
        hostId: 'nas',
        method: 'auto',
        exporters: [
          { exporter: 'node_exporter', params: { port: 38791, containerName: 'x' } },
          { exporter: 'redis_exporter', params: {} },
        ],
      },
    });
  });

  it('lists the ports to check: the given one, else the catalog default', () => {
    expect(
      portsOf(
        { node_exporter: { paramsText: '{"port": 38791}' }, redis_exporter: { paramsText: '{' } },
        catalog,
      ),
    ).toEqual([38791, 9121]);
  });
});
