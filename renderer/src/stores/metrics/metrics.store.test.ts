import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScrapeResult } from '@shared/contract';

const api = {
  metrics: { scrape: vi.fn() },
  secrets: { put: vi.fn() },
  deploy: { list: vi.fn() },
  discovery: { inventory: vi.fn() },
  hosts: { list: vi.fn() },
};
vi.mock('../../api', () => ({ getClient: () => ({ api }) }));

const { useMetricsStore } = await import('./metrics.store');
const { emptyUrlDraft } = await import('./metrics-targets');

const result = (at: number): ScrapeResult => ({
  url: 'http://127.0.0.1:9100/metrics',
  format: 'prometheus-text',
  contentType: 'text/plain; version=0.0.4',
  bytes: 100,
  durationMs: 4,
  scrapedAt: at,
  seriesCount: 0,
  summaries: [],
  families: [],
});

beforeEach(() => {
  vi.clearAllMocks();
  useMetricsStore.setState({
    draft: emptyUrlDraft,
    target: undefined,
    scrape: { status: 'idle' },
    draftError: undefined,
  });
  api.metrics.scrape.mockResolvedValue({ ok: true, data: result(1) });
  api.secrets.put.mockResolvedValue({ ok: true, data: { id: 'secret-9' } });
});

describe('metrics store', () => {
  it('stores a typed password first, scrapes with its id, and clears it from the form', async () => {
    const store = useMetricsStore.getState();
    store.editDraft({
      url: 'https://nas.lan:9100/metrics',
      authKind: 'basic',
      username: 'prom',
      password: 'hunter2',
    });
    await useMetricsStore.getState().scrapeDraft();
    expect(api.secrets.put).toHaveBeenCalledWith({
      value: 'hunter2',
      label: 'Password of prom for https://nas.lan:9100/metrics',
    });
    expect(api.metrics.scrape).toHaveBeenCalledWith({
      target: {
        kind: 'url',
        url: 'https://nas.lan:9100/metrics',
        auth: { kind: 'basic', username: 'prom', passwordSecretId: 'secret-9' },
      },
    });
    const state = useMetricsStore.getState();
    expect(state.draft.password).toBe('');
    expect(state.scrape).toMatchObject({ status: 'ready', result: result(1) });
  });

  it('says what the URL form lacks without scraping', async () => {
    useMetricsStore.getState().editDraft({ url: '' });
    await useMetricsStore.getState().scrapeDraft();
    expect(api.metrics.scrape).not.toHaveBeenCalled();
    expect(useMetricsStore.getState().draftError).toMatch(/URL/);
  });

  it('keeps the scrape before a refresh, for rates', async () => {
    await useMetricsStore.getState().chooseTarget({ kind: 'url', url: 'http://127.0.0.1:9100/metrics' });
    api.metrics.scrape.mockResolvedValue({ ok: true, data: result(2) });
    await useMetricsStore.getState().refresh();
    expect(useMetricsStore.getState().scrape).toMatchObject({ previous: result(1), result: result(2) });
  });

  it('keeps the last result beside a failed scrape’s error', async () => {
    await useMetricsStore.getState().chooseTarget({ kind: 'url', url: 'http://127.0.0.1:9100/metrics' });
    api.metrics.scrape.mockResolvedValue({
      ok: false,
      error: { code: 'CONNECTION_REFUSED', message: 'refused' },
    });
    await useMetricsStore.getState().refresh();
    expect(useMetricsStore.getState().scrape).toMatchObject({
      status: 'error',
      result: result(1),
      error: { code: 'CONNECTION_REFUSED' },
    });
  });

  it('opens and closes prefix groups, and replaces a label’s filter', () => {
    const store = useMetricsStore.getState();
    store.toggleGroup('node_');
    expect(useMetricsStore.getState().expanded).toEqual(['node_']);
    useMetricsStore.getState().toggleGroup('node_');
    expect(useMetricsStore.getState().expanded).toEqual([]);
    store.setFilter('f', { label: 'cpu', mode: 'values', values: ['0'] });
    store.setFilter('f', { label: 'cpu', mode: 'regex', pattern: '1' });
    expect(useMetricsStore.getState().filters.f).toEqual([{ label: 'cpu', mode: 'regex', pattern: '1' }]);
  });
});
