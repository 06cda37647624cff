import type { Artefact, CatalogEntry } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import {
  applyCatalog,
  artefactsAreStale,
  artefactsFailed,
  artefactsLoaded,
  artefactTestId,
  buildArtefactsRequest,
  chooseStyle,
  initialExportersData,
  paramsErrorOf,
  parseParams,
  placementOf,
  requestKey,
  selectExporter,
  type ExportersData,
} from './exporters.reducer';

function entry(id: string, styles: CatalogEntry['installStyles']): CatalogEntry {
  return {
    id,
    name: id,
    summary: `${id} metrics`,
    defaultPort: 9100,
    version: '1.0.0',
    image: `example/${id}:1.0.0`,
    installStyles: styles,
    proofMetrics: [`${id}_up`],
  };
}

const catalog = [entry('node', ['docker', 'systemd']), entry('windows', ['windows'])];
const unit: Artefact = {
  id: 'systemd-unit',
  title: 'Unit',
  filename: 'node.service',
  language: 'ini',
  content: '[Unit]',
};

function loaded(): ExportersData {
  return applyCatalog(initialExportersData(), catalog);
}

describe('parseParams', () => {
  it('takes a JSON object, and blank as none', () => {
    expect(parseParams('{"port": 9200}')).toEqual({ ok: true, params: { port: 9200 } });
    expect(parseParams('  ')).toEqual({ ok: true, params: {} });
  });

  it.each(['{', '[]', 'null', '42', '"x"', '{"a":1}}', 'undefined'])('refuses %s', (text) => {
    expect(parseParams(text).ok).toBe(false);
  });

  it('gives the inline error for the box', () => {
    expect(paramsErrorOf({ paramsText: '{' })).toMatch(/JSON/);
    expect(paramsErrorOf({ paramsText: '{}' })).toBeUndefined();
  });
});

describe('choosing an exporter and a style', () => {
  it('selects the first style, resets the parameters and keeps the host', () => {
    const data = selectExporter({ ...loaded(), paramsText: '{"x":1}', host: 'db1' }, 'node');
    expect(data).toMatchObject({ selectedId: 'node', style: 'docker', paramsText: '{}', host: 'db1' });
  });

  it('keeps the current style when the next exporter has it, else takes its first', () => {
    const onSystemd = chooseStyle(selectExporter(loaded(), 'node'), 'systemd');
    expect(onSystemd.style).toBe('systemd');
    expect(selectExporter(onSystemd, 'windows').style).toBe('windows');
  });

  it('refuses a style the exporter lacks, and an unknown exporter clears the choice', () => {
    const node = selectExporter(loaded(), 'node');
    expect(chooseStyle(node, 'k8s')).toBe(node);
    expect(selectExporter(node, 'nope').selectedId).toBeUndefined();
  });

  it('drops the artefacts of the previous exporter', () => {
    const node = artefactsLoaded(selectExporter(loaded(), 'node'), 'k', [unit]);
    expect(selectExporter(node, 'windows').artefacts).toEqual([]);
  });

  it('clears a selection the reloaded catalog no longer has', () => {
    const node = selectExporter(loaded(), 'node');
    expect(applyCatalog(node, catalog.slice(1)).selectedId).toBeUndefined();
    expect(applyCatalog(node, catalog).selectedId).toBe('node');
  });
});

describe('the artefacts request', () => {
  it('is built only with an exporter, a style and valid JSON', () => {
    expect(buildArtefactsRequest(loaded())).toBeUndefined();
    const node = selectExporter(loaded(), 'node');
    expect(buildArtefactsRequest(node)).toEqual({ id: 'node', style: 'docker', params: {} });
    expect(buildArtefactsRequest({ ...node, paramsText: '{' })).toBeUndefined();
  });

  it('leaves out an empty host so the server default applies, and trims one given', () => {
    const node = { ...selectExporter(loaded(), 'node'), host: '  db1.lan ' };
    expect(buildArtefactsRequest(node)?.host).toBe('db1.lan');
  });

  it('has a key that changes with every choice', () => {
    const node = selectExporter(loaded(), 'node');
    const keys = new Set(
      [
        node,
        { ...node, style: 'systemd' as const },
        { ...node, paramsText: '{"a":1}' },
        { ...node, host: 'h' },
      ].map((data) => requestKey(buildArtefactsRequest(data) ?? { id: '', style: 'docker' })),
    );
    expect(keys.size).toBe(4);
  });

  it('marks artefacts stale once the choices differ from those they answer', () => {
    const node = selectExporter(loaded(), 'node');
    const key = requestKey(buildArtefactsRequest(node) ?? { id: '', style: 'docker' });
    const shown = artefactsLoaded(node, key, [unit]);
    expect(artefactsAreStale(shown)).toBe(false);
    expect(artefactsAreStale({ ...shown, paramsText: '{' })).toBe(true);
    expect(artefactsAreStale({ ...shown, host: 'other' })).toBe(true);
  });

  it('shows only the message when the server refuses', () => {
    const failed = artefactsFailed(artefactsLoaded(loaded(), 'k', [unit]), 'port: must be 1-65535');
    expect(failed).toMatchObject({
      artefacts: [],
      artefactsStatus: 'error',
      artefactsError: 'port: must be 1-65535',
    });
  });
});

describe('artefact labels', () => {
  it('makes DOM-safe test ids', () => {
    expect(artefactTestId('systemd-unit')).toBe('artefact-systemd-unit');
    expect(artefactTestId('my.cnf/creds "x"')).toBe('artefact-my-cnf-creds--x-');
  });

  it('says where a file goes and its mode', () => {
    expect(placementOf({ path: '/etc/mysqld_exporter/.my.cnf', mode: '0600' })).toBe(
      '/etc/mysqld_exporter/.my.cnf, mode 0600',
    );
    expect(placementOf({ path: '/etc/x' })).toBe('/etc/x');
    expect(placementOf({})).toBeUndefined();
  });
});
