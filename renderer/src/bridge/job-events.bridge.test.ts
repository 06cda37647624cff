import type { JobEvent, JobSummary, PromsteadApi, Result } from '@shared/contract';
import { describe, expect, it, vi } from 'vitest';
import type { PromsteadClient } from '../api';
import { startJobEventsBridge } from './job-events.bridge';

function fakeClient(lists: Result<{ jobs: JobSummary[] }>[]) {
  let emit: (event: JobEvent) => void = () => undefined;
  let resync: () => void = () => undefined;
  const unsubscribe = vi.fn();
  const list = vi.fn(async () => lists.shift() ?? { ok: true as const, data: { jobs: [] } });
  const api = {
    jobs: { list },
    onJobEvent: (listener: (event: JobEvent) => void) => {
      emit = listener;
      return unsubscribe;
    },
  } as unknown as PromsteadApi;
  const client: PromsteadClient = {
    api,
    transport: 'browser',
    onResync: (listener) => {
      resync = listener;
      return () => undefined;
    },
  };
  return { client, list, unsubscribe, emit: (event: JobEvent) => emit(event), resync: () => resync() };
}

function sinks() {
  const jobs = { applyEvent: vi.fn(), applySnapshot: vi.fn(), setSyncError: vi.fn() };
  const discovery = { applyJobEvent: vi.fn(), applyJobSnapshot: vi.fn() };
  return { jobs, discovery, sinks: { jobs: () => jobs, discovery: () => discovery } };
}

const summary: JobSummary = {
  jobId: 'j1',
  operation: 'diagnostics.selfTest',
  state: 'running',
  startedAt: 1,
  log: [],
  logDropped: 0,
};

describe('job events bridge', () => {
  it('loads jobs.list at start, forwards events, and resyncs when asked', async () => {
    const fake = fakeClient([{ ok: true, data: { jobs: [summary] } }]);
    const { jobs, discovery, sinks: stores } = sinks();
    const stop = startJobEventsBridge(fake.client, stores);
    await vi.waitFor(() => expect(jobs.applySnapshot).toHaveBeenCalledWith([summary], expect.any(Number)));
    expect(discovery.applyJobSnapshot).toHaveBeenCalledWith([summary], expect.any(Number));

    const event: JobEvent = { type: 'log', jobId: 'j1', seq: 1, at: 2, level: 'info', message: 'hello' };
    fake.emit(event);
    expect(jobs.applyEvent).toHaveBeenCalledWith(event);

    fake.resync();
    await vi.waitFor(() => expect(fake.list).toHaveBeenCalledTimes(2));
    stop();
    expect(fake.unsubscribe).toHaveBeenCalled();
  });

  it('reports a failed list instead of throwing', async () => {
    const fake = fakeClient([{ ok: false, error: { code: 'TRANSPORT', message: 'server gone' } }]);
    const { jobs, discovery, sinks: stores } = sinks();
    startJobEventsBridge(fake.client, stores);
    await vi.waitFor(() =>
      expect(jobs.setSyncError).toHaveBeenCalledWith('Could not list jobs: server gone'),
    );
    expect(discovery.applyJobSnapshot).not.toHaveBeenCalled();
  });

  it("routes a scan's hosts, progress and end to the discovery store, and not log lines", async () => {
    const fake = fakeClient([]);
    const { jobs, discovery, sinks: stores } = sinks();
    startJobEventsBridge(fake.client, stores);
    const base = { jobId: 'scan-1', at: 1 };
    const host: JobEvent = {
      ...base,
      seq: 1,
      type: 'data',
      topic: 'discovery.host',
      data: { address: '10.0.0.2' },
    };
    // A topic no job declares, as a newer or broken server might send.
    const other = { ...base, seq: 2, type: 'data', topic: 'deploy.step', data: {} } as unknown as JobEvent;
    const progress: JobEvent = {
      ...base,
      seq: 3,
      type: 'progress',
      phase: 'liveness',
      current: 1,
      total: 254,
      message: '',
    };
    const log: JobEvent = { ...base, seq: 4, type: 'log', level: 'info', message: 'hello' };
    const done: JobEvent = { ...base, seq: 5, type: 'done', result: {} };
    for (const event of [host, other, progress, log, done]) fake.emit(event);
    expect(jobs.applyEvent).toHaveBeenCalledTimes(5);
    expect(discovery.applyJobEvent.mock.calls.map(([event]) => event)).toEqual([host, progress, done]);
  });

  it('sends a watch’s ticks and every job’s end to the live chart, and nothing else', () => {
    const fake = fakeClient([]);
    const { sinks: stores } = sinks();
    const metrics = { applyJobEvent: vi.fn(), noteJobEnded: vi.fn() };
    const stop = startJobEventsBridge(fake.client, { ...stores, metrics: () => metrics });
    const tick: JobEvent = {
      type: 'data',
      jobId: 'w1',
      seq: 2,
      at: 3,
      topic: 'metrics.tick',
      data: { at: 3, durationMs: 1, families: [] },
    };
    const host: JobEvent = { ...tick, topic: 'discovery.host', data: {} };
    const end: JobEvent = { type: 'cancelled', jobId: 'w1', seq: 3, at: 4, message: 'Cancelled.' };
    const log: JobEvent = { type: 'log', jobId: 'w1', seq: 1, at: 2, level: 'info', message: 'hi' };
    for (const event of [log, tick, host, end]) fake.emit(event);
    expect(metrics.applyJobEvent.mock.calls.map(([event]) => event)).toEqual([tick, end]);
    stop();
  });
});
