import type { ArtefactsInput, CatalogEntry } from '@shared/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = {
  exporters: {
    list: vi.fn(),
    artefacts: vi.fn(),
  },
};
vi.mock('../api', () => ({ getClient: () => ({ api }) }));

const { typingDelayMs, useExportersStore } = await import('./exporters.store');
const { initialExportersData } = await import('./exporters.reducer');

const node: CatalogEntry = {
  id: 'node',
  name: 'Node exporter',
  summary: 'Linux host metrics',
  defaultPort: 9100,
  version: '1.8.2',
  image: 'prom/node-exporter:v1.8.2',
  installStyles: ['docker', 'systemd'],
  proofMetrics: ['node_cpu_seconds_total'],
};

function artefactFor(input: ArtefactsInput): { ok: true; data: { artefacts: unknown[] } } {
  const content = JSON.stringify(input);
  return {
    ok: true,
    data: { artefacts: [{ id: 'a', title: 'A', filename: 'a', language: 'text', content }] },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  useExportersStore.setState(initialExportersData());
  api.exporters.list.mockResolvedValue({ ok: true, data: { exporters: [node] } });
  api.exporters.artefacts.mockImplementation((input: ArtefactsInput) => Promise.resolve(artefactFor(input)));
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(typingDelayMs + 10);
}

describe('exporters store', () => {
  it('fetches at once on selection and after a pause when typing', async () => {
    await useExportersStore.getState().load();
    useExportersStore.getState().select('node');
    await settle();
    expect(api.exporters.artefacts).toHaveBeenLastCalledWith({ id: 'node', style: 'docker', params: {} });

    api.exporters.artefacts.mockClear();
    for (const text of ['{"p', '{"port"', '{"port": 1}']) useExportersStore.getState().editParams(text);
    await settle();
    expect(api.exporters.artefacts).toHaveBeenCalledTimes(1);
    expect(api.exporters.artefacts).toHaveBeenCalledWith({
      id: 'node',
      style: 'docker',
      params: { port: 1 },
    });
  });

  it('does not ask while the JSON is bad', async () => {
    await useExportersStore.getState().load();
    useExportersStore.getState().select('node');
    await settle();
    api.exporters.artefacts.mockClear();
    useExportersStore.getState().editParams('{');
    await settle();
    expect(api.exporters.artefacts).not.toHaveBeenCalled();
  });

  it('shows the server’s message for a refused request', async () => {
    api.exporters.artefacts.mockResolvedValue({
      ok: false,
      error: { code: 'VALIDATION', message: 'port: too big' },
    });
    await useExportersStore.getState().load();
    useExportersStore.getState().select('node');
    await settle();
    expect(useExportersStore.getState()).toMatchObject({ artefactsError: 'port: too big', artefacts: [] });
  });

  it('applies only the newest answer', async () => {
    await useExportersStore.getState().load();
    let releaseFirst: (value: unknown) => void = () => undefined;
    api.exporters.artefacts.mockImplementationOnce(
      (input: ArtefactsInput) => new Promise((resolve) => (releaseFirst = () => resolve(artefactFor(input)))),
    );
    useExportersStore.getState().select('node');
    useExportersStore.getState().setStyle('systemd');
    await settle();
    releaseFirst(undefined);
    await settle();
    expect(useExportersStore.getState().artefacts[0]?.content).toContain('systemd');
  });
});
