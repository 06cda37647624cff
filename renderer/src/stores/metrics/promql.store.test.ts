import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = { query: { instant: vi.fn(), range: vi.fn(), targets: vi.fn() }, deploy: { list: vi.fn() } };
vi.mock('../../api', () => ({ getClient: () => ({ api }) }));

const { usePromqlStore, serverOf } = await import('./promql.store');

const answer = { data: { resultType: 'vector', result: [] }, warnings: [], durationMs: 3 };

beforeEach(() => {
  vi.clearAllMocks();
  usePromqlStore.setState({
    serverKey: 'url',
    serverUrl: '',
    expression: '',
    mode: 'table',
    history: [],
    answer: { status: 'idle' },
    stepSeconds: undefined,
    rangeSeconds: 3600,
  });
});

describe('PromQL store', () => {
  it('prefers the Prometheus Promstead deployed', async () => {
    api.deploy.list.mockResolvedValue({
      ok: true,
      data: {
        deployments: [
          { hostId: 'nas', exporter: 'prometheus' },
          { hostId: 'nas', exporter: 'node_exporter' },
        ],
      },
    });
    await usePromqlStore.getState().loadServers();
    expect(usePromqlStore.getState().serverKey).toBe('deployment:nas');
    expect(serverOf(usePromqlStore.getState())).toEqual({
      ok: true,
      server: { kind: 'deployment', hostId: 'nas' },
    });
  });

  it('runs an instant query and remembers it', async () => {
    api.query.instant.mockResolvedValue({ ok: true, data: answer });
    usePromqlStore.setState({ serverUrl: 'http://127.0.0.1:9090', expression: 'up' });
    await usePromqlStore.getState().run();
    expect(api.query.instant).toHaveBeenCalledWith({
      server: { kind: 'url', url: 'http://127.0.0.1:9090' },
      query: 'up',
    });
    expect(usePromqlStore.getState()).toMatchObject({
      answer: { status: 'ready', data: answer },
      history: ['up'],
    });
  });

  it('runs a range query over the chosen range with the auto step', async () => {
    api.query.range.mockResolvedValue({ ok: true, data: answer });
    usePromqlStore.setState({
      serverUrl: 'http://127.0.0.1:9090',
      expression: 'rate(x[1m])',
      mode: 'graph',
      rangeSeconds: 900,
    });
    await usePromqlStore.getState().run();
    const input = api.query.range.mock.calls[0]?.[0] as { start: number; end: number; stepSeconds: number };
    expect(input.end - input.start).toBe(900_000);
    expect(input.stepSeconds).toBe(3);
  });

  it('shows the server’s error as it said it', async () => {
    const message = 'bad_data: invalid parameter "query": 1:5: parse error: unexpected <EOF>';
    api.query.instant.mockResolvedValue({ ok: false, error: { code: 'QUERY_ERROR', message } });
    usePromqlStore.setState({ serverUrl: 'http://127.0.0.1:9090', expression: 'sum(' });
    await usePromqlStore.getState().run();
    expect(usePromqlStore.getState().answer.error?.message).toBe(message);
  });

  it('asks for a server and an expression before running', async () => {
    usePromqlStore.setState({ expression: 'up' });
    await usePromqlStore.getState().run();
    expect(usePromqlStore.getState().answer.error?.message).toMatch(/server URL/);
    usePromqlStore.setState({ serverUrl: 'http://127.0.0.1:9090', expression: ' ' });
    await usePromqlStore.getState().run();
    expect(usePromqlStore.getState().answer.error?.message).toMatch(/expression/);
    expect(api.query.instant).not.toHaveBeenCalled();
  });
});
