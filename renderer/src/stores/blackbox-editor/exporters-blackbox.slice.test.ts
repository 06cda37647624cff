import type { CatalogEntry } from '@shared/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = {
  exporters: { list: vi.fn(), artefacts: vi.fn() },
  secrets: { put: vi.fn() },
};
vi.mock('../../api', () => ({ getClient: () => ({ api }) }));

const { typingDelayMs, useExportersStore } = await import('../exporters.store');
const { initialExportersData } = await import('../exporters.reducer');
const { initialBlackboxEditorState } = await import('./blackbox-editor.slice');

const blackbox: CatalogEntry = {
  id: 'blackbox_exporter',
  name: 'Blackbox Exporter',
  summary: 'Probes',
  defaultPort: 9115,
  version: '0.24.0',
  image: 'prom/blackbox-exporter:v0.24.0',
  installStyles: ['docker', 'compose'],
  proofMetrics: [],
};

const store = (): ReturnType<typeof useExportersStore.getState> => useExportersStore.getState();

beforeEach(async () => {
  vi.useFakeTimers();
  useExportersStore.setState({ ...initialExportersData(), ...initialBlackboxEditorState() });
  api.exporters.list.mockResolvedValue({ ok: true, data: { exporters: [blackbox] } });
  api.exporters.artefacts.mockResolvedValue({ ok: true, data: { artefacts: [] } });
  api.secrets.put.mockResolvedValue({ ok: true, data: { id: 'sec_00ff' } });
  await store().load();
  store().select('blackbox_exporter');
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(typingDelayMs + 10);
}

describe('the blackbox module editor in the exporters store', () => {
  it('asks for artefacts of the edited modules only once they are valid', async () => {
    store().addModule('icmp');
    const key = store().blackbox.modules[0]?.key ?? -1;
    await settle();
    api.exporters.artefacts.mockClear();
    store().editModule(key, { targets: '$(id)' });
    await settle();
    expect(api.exporters.artefacts).not.toHaveBeenCalled();
    expect(store().paramsText).toBe('{}');

    store().editModule(key, { targets: '192.168.1.1\n192.168.1.2' });
    await settle();
    expect(api.exporters.artefacts).toHaveBeenLastCalledWith({
      id: 'blackbox_exporter',
      style: 'docker',
      params: { modules: [{ preset: 'icmp', targets: ['192.168.1.1', '192.168.1.2'] }] },
    });
  });

  it('follows JSON typed in the parameters box', () => {
    store().editParams('{"modules": [{"preset": "dns", "targets": ["1.1.1.1"], "queryName": "nas.lan"}]}');
    expect(store().blackbox.modules[0]).toMatchObject({ preset: 'dns', queryName: 'nas.lan' });
    store().editParams('{"modules": [{"preset": "dns", "oops": 1}]}');
    expect(store().blackbox.unreadable).toContain('"oops"');
  });

  it('hands the token to secrets.put and keeps only the returned id', async () => {
    store().addModule('http_post_auth');
    const key = store().blackbox.modules[0]?.key ?? -1;
    store().editModule(key, { targets: 'https://api.lan/health' });
    store().editToken(key, 'hunter2-token');
    await store().saveToken(key);
    expect(api.secrets.put).toHaveBeenCalledWith({
      value: 'hunter2-token',
      label: 'blackbox_exporter http_post_auth bearer token',
    });
    expect(store().blackbox.modules[0]?.bearerTokenSecretId).toBe('sec_00ff');
    expect(JSON.stringify(store())).not.toContain('hunter2-token');
    expect(JSON.parse(store().paramsText)).toMatchObject({ modules: [{ bearerTokenSecretId: 'sec_00ff' }] });
  });

  it('drops the typed token when storing fails and says why', async () => {
    api.secrets.put.mockResolvedValue({ ok: false, error: { code: 'INTERNAL', message: 'disk full' } });
    store().addModule('http_post_auth');
    const key = store().blackbox.modules[0]?.key ?? -1;
    store().editToken(key, 'hunter2-token');
    await store().saveToken(key);
    expect(store().tokenError).toEqual({ key, message: 'Could not store the token: disk full' });
    expect(JSON.stringify(store())).not.toContain('hunter2-token');
  });

  it('starts empty for another exporter', () => {
    store().addModule('icmp');
    store().select(undefined);
    expect(store().blackbox.modules).toEqual([]);
  });
});
