import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobEvent, MetricFamily, ScrapeTarget } from '@shared/contract';
import { chartSpecFor, type ChartSeriesSpec } from './chart-series';

const api = { metrics: { watch: vi.fn() }, jobs: { cancel: vi.fn() } };
vi.mock('../../api', () => ({ getClient: () => ({ api }) }));

const { useMetricsLiveStore } = await import('./metrics-live.store');
const { emptyChartData } = await import('./chart-data');

const target: ScrapeTarget = { kind: 'url', url: 'http://127.0.0.1:9100/metrics' };
const family = (value: number): MetricFamily => ({
  name: 'node_load1',
  type: 'gauge',
  help: '',
  unit: '',
  samples: [{ name: 'node_load1', labels: {}, value }],
});
const spec = chartSpecFor(
  family(0),
  family(0).samples[0] as MetricFamily['samples'][number],
) as ChartSeriesSpec;
const tickEvent = (jobId: string, seq: number, value: number): JobEvent => ({
  jobId,
  seq,
  at: seq,
  type: 'data',
  topic: 'metrics.tick',
  data: { at: seq * 1000, durationMs: 3, families: [family(value)] },
});

let jobs = 0;
beforeEach(() => {
  vi.useFakeTimers();
  vi.clearAllMocks();
  jobs = 0;
  api.metrics.watch.mockImplementation(() => Promise.resolve({ ok: true, data: { jobId: `w${++jobs}` } }));
  api.jobs.cancel.mockResolvedValue({ ok: true, data: { cancelled: true, state: 'cancelled' } });
  useMetricsLiveStore.setState({
    specs: [],
    target: undefined,
    jobId: undefined,
    status: 'idle',
    data: emptyChartData([]),
    version: 0,
    notice: undefined,
    intervalMs: 1000,
  });
});
afterEach(() => vi.useRealTimers());

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(400);
}

describe('live chart store', () => {
  it('starts one watch of the chosen series’ families once the clicks settle', async () => {
    useMetricsLiveStore.getState().toggleSeries(target, spec);
    await settle();
    expect(api.metrics.watch).toHaveBeenCalledTimes(1);
    expect(api.metrics.watch).toHaveBeenCalledWith({ target, families: ['node_load1'], intervalMs: 1000 });
    expect(useMetricsLiveStore.getState()).toMatchObject({ jobId: 'w1', status: 'watching' });
  });

  it('folds its ticks into the chart and ignores other jobs’ events', async () => {
    useMetricsLiveStore.getState().toggleSeries(target, spec);
    await settle();
    useMetricsLiveStore.getState().applyJobEvent(tickEvent('w1', 1, 0.5));
    useMetricsLiveStore.getState().applyJobEvent(tickEvent('other', 2, 9));
    const state = useMetricsLiveStore.getState();
    expect(state.data.lines[0]?.values.toArray()).toEqual([0.5]);
    expect(state.version).toBeGreaterThan(0);
  });

  it('cancels the watch and starts another when the choice or the interval changes', async () => {
    useMetricsLiveStore.getState().toggleSeries(target, spec);
    await settle();
    useMetricsLiveStore.getState().setInterval(5000);
    expect(api.jobs.cancel).toHaveBeenCalledWith({ jobId: 'w1' });
    await settle();
    expect(api.metrics.watch).toHaveBeenLastCalledWith({
      target,
      families: ['node_load1'],
      intervalMs: 5000,
    });
    useMetricsLiveStore.getState().toggleSeries(target, spec);
    expect(api.jobs.cancel).toHaveBeenCalledWith({ jobId: 'w2' });
    await settle();
    expect(api.metrics.watch).toHaveBeenCalledTimes(2);
    expect(useMetricsLiveStore.getState().specs).toEqual([]);
  });

  it('cancels the watch when the page leaves', async () => {
    useMetricsLiveStore.getState().toggleSeries(target, spec);
    await settle();
    await useMetricsLiveStore.getState().stop();
    expect(api.jobs.cancel).toHaveBeenCalledWith({ jobId: 'w1' });
    expect(useMetricsLiveStore.getState().jobId).toBeUndefined();
  });

  it('holds at most 50 series and says so', () => {
    const specs = Array.from({ length: 50 }, (_, index) => ({ ...spec, id: `s${index}` }));
    useMetricsLiveStore.setState({ target, specs });
    useMetricsLiveStore.getState().toggleSeries(target, { ...spec, id: 'one more' });
    expect(useMetricsLiveStore.getState().specs).toHaveLength(50);
    expect(useMetricsLiveStore.getState().notice).toMatch(/up to 50/);
  });

  it('shows a failed watch’s error and forgets its job', async () => {
    useMetricsLiveStore.getState().toggleSeries(target, spec);
    await settle();
    useMetricsLiveStore.getState().applyJobEvent({
      jobId: 'w1',
      seq: 3,
      at: 3,
      type: 'failed',
      error: { code: 'CONNECTION_REFUSED', message: 'Nothing listens on 127.0.0.1:9100.' },
    });
    expect(useMetricsLiveStore.getState()).toMatchObject({
      status: 'error',
      jobId: undefined,
      error: { code: 'CONNECTION_REFUSED' },
    });
  });
});
