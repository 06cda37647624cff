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

function sink() {
  return { applyEvent: vi.fn(), applySnapshot: vi.fn(), setSyncError: vi.fn() };
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
    const store = sink();
    const stop = startJobEventsBridge(fake.client, () => store);
    await vi.waitFor(() => expect(store.applySnapshot).toHaveBeenCalledWith([summary], expect.any(Number)));

    const event: JobEvent = { type: 'log', jobId: 'j1', seq: 1, at: 2, level: 'info', message: 'hello' };
    fake.emit(event);
    expect(store.applyEvent).toHaveBeenCalledWith(event);

    fake.resync();
    await vi.waitFor(() => expect(fake.list).toHaveBeenCalledTimes(2));
    stop();
    expect(fake.unsubscribe).toHaveBeenCalled();
  });

  it('reports a failed list instead of throwing', async () => {
    const fake = fakeClient([{ ok: false, error: { code: 'TRANSPORT', message: 'server gone' } }]);
    const store = sink();
    startJobEventsBridge(fake.client, () => store);
    await vi.waitFor(() =>
      expect(store.setSyncError).toHaveBeenCalledWith('Could not list jobs: server gone'),
    );
  });
});
