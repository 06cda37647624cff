// The live chart: the chosen series (up to 50), the metrics.watch job streaming them
// (restarted when the choice or the interval changes, cancelled when the page leaves),
// its ticks folded into bounded buffers by the job-events bridge, and the view's
// controls (pause, window, zero-based axis). The buffers are mutated in place and
// `version` counts ticks, so a tick does not copy the chart's history.
import { create } from 'zustand';
import { readJobEvent, type ApiError, type JobEvent, type ScrapeTarget } from '@shared/contract';
import { getClient } from '../../api';
import { applyTick, emptyChartData, type ChartData } from './chart-data';
import { maxChartSeries, type ChartSeriesSpec } from './chart-series';

export const watchIntervals = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000] as const;
export const chartWindows = [
  { seconds: 60, label: '1 m' },
  { seconds: 300, label: '5 m' },
  { seconds: 900, label: '15 m' },
  { seconds: 3600, label: '1 h' },
] as const;

/** The mark a tick's render cost is measured from (see the chart view's measure). */
export const tickMark = 'metrics-tick';
export const renderMeasure = 'metrics-render';

export interface MetricsLiveState {
  target?: ScrapeTarget;
  specs: readonly ChartSeriesSpec[];
  intervalMs: number;
  windowSeconds: number;
  paused: boolean;
  zeroBased: boolean;
  jobId?: string;
  status: 'idle' | 'starting' | 'watching' | 'ended' | 'error';
  error?: ApiError;
  /** Why the choice was refused (too many series). */
  notice?: string;
  data: ChartData;
  /** Bumped on every tick: what the chart view subscribes to. */
  version: number;
  toggleSeries(target: ScrapeTarget, spec: ChartSeriesSpec): void;
  removeSeries(specId: string): void;
  clearSeries(): void;
  setInterval(intervalMs: number): void;
  setWindow(seconds: number): void;
  togglePause(): void;
  toggleZeroBased(): void;
  /** The page is leaving: cancel the job, keep the choice for when it comes back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  applyJobEvent(event: JobEvent): void;
  /** From a jobs.list resync: the watch may have ended while events could not arrive. */
  noteJobEnded(jobId: string): void;
}

function sameTarget(a: ScrapeTarget | undefined, b: ScrapeTarget): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** A choice changing in quick clicks restarts the watch once, after the clicks settle. */
const restartDelayMs = 300;

export const useMetricsLiveStore = create<MetricsLiveState>()((set, get) => {
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Numbers starts so an answer for an older choice is cancelled, not followed. */
  let startRequest = 0;

  function cancelJob(jobId: string | undefined): void {
    if (jobId) void getClient().api.jobs.cancel({ jobId });
  }

  function scheduleRestart(): void {
    clearTimeout(restartTimer);
    cancelJob(get().jobId);
    startRequest++;
    set({ jobId: undefined, status: 'idle', data: emptyChartData(get().specs), version: get().version + 1 });
    if (get().specs.length === 0) return;
    restartTimer = setTimeout(() => void get().start(), restartDelayMs);
  }

  return {
    specs: [],
    intervalMs: 1000,
    windowSeconds: 60,
    paused: false,
    zeroBased: false,
    status: 'idle',
    data: emptyChartData([]),
    version: 0,

    toggleSeries: (target, spec) => {
      // Series of another target cannot share a watch: choosing one starts afresh.
      const specs = sameTarget(get().target, target) ? get().specs : [];
      const chosen = specs.some((existing) => existing.id === spec.id);
      if (!chosen && specs.length >= maxChartSeries) {
        set({ notice: `A chart holds up to ${maxChartSeries} series; remove one first.` });
        return;
      }
      set({
        target,
        notice: undefined,
        specs: chosen ? specs.filter((existing) => existing.id !== spec.id) : [...specs, spec],
      });
      scheduleRestart();
    },

    removeSeries: (specId) => {
      set({ specs: get().specs.filter((spec) => spec.id !== specId), notice: undefined });
      scheduleRestart();
    },

    clearSeries: () => {
      set({ specs: [], notice: undefined });
      scheduleRestart();
    },

    setInterval: (intervalMs) => {
      set({ intervalMs });
      if (get().specs.length > 0) scheduleRestart();
    },

    setWindow: (seconds) => set({ windowSeconds: seconds }),
    togglePause: () => set({ paused: !get().paused }),
    toggleZeroBased: () => set({ zeroBased: !get().zeroBased }),

    stop: async () => {
      clearTimeout(restartTimer);
      startRequest++;
      const jobId = get().jobId;
      set({ jobId: undefined, status: 'idle' });
      if (jobId) await getClient().api.jobs.cancel({ jobId });
    },

    start: async () => {
      const { target, specs, intervalMs } = get();
      if (!target || specs.length === 0) return;
      const request = ++startRequest;
      set({ status: 'starting', error: undefined });
      const families = [...new Set(specs.map((spec) => spec.family))];
      const result = await getClient().api.metrics.watch({ target, families, intervalMs });
      if (request !== startRequest) {
        if (result.ok) cancelJob(result.data.jobId);
        return;
      }
      if (result.ok) set({ jobId: result.data.jobId, status: 'watching' });
      else set({ status: 'error', error: result.error });
    },

    applyJobEvent: (event) => {
      if (event.jobId !== get().jobId) return;
      const reading = readJobEvent('metrics.watch', event);
      if (!reading.ok) return;
      const read = reading.event;
      if (read.type === 'data') {
        performance.mark(tickMark);
        applyTick(get().data, read.data);
        set({ version: get().version + 1 });
        return;
      }
      if (read.type === 'failed') set({ status: 'error', error: read.error, jobId: undefined });
      else if (read.type === 'done' || read.type === 'cancelled') set({ status: 'ended', jobId: undefined });
    },

    noteJobEnded: (jobId) => {
      if (jobId === get().jobId) set({ status: 'ended', jobId: undefined });
    },
  };
});
