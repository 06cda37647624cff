import { operationNames, splitOperationName, type JobEvent } from '@shared/contract';
import { describe, expect, it, vi } from 'vitest';
import { createHttpApi, unauthorizedMessage, type FetchLike } from './http-api.transport';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function apiWith(fetchImpl: FetchLike) {
  return createHttpApi({ fetch: fetchImpl, events: () => () => undefined });
}

describe('browser transport', () => {
  it('has one method per operation in the contract, and onJobEvent', () => {
    const api = apiWith(vi.fn<FetchLike>()) as unknown as Record<string, Record<string, unknown>>;
    for (const name of operationNames) {
      const [namespace, method] = splitOperationName(name);
      expect(typeof api[namespace]?.[method], name).toBe('function');
    }
    expect(typeof api.onJobEvent).toBe('function');
  });

  it('POSTs the input as JSON to /api/op/<name> with the same-origin cookie', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () =>
      jsonResponse({ ok: true, data: { cancelled: true, state: 'running' } }),
    );
    const result = await apiWith(fetchImpl).jobs.cancel({ jobId: 'job-1' });
    expect(result).toEqual({ ok: true, data: { cancelled: true, state: 'running' } });
    expect(fetchImpl).toHaveBeenCalledWith('/api/op/jobs.cancel', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jobId":"job-1"}',
      credentials: 'same-origin',
    });
  });

  it('sends {} when there is no input', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => jsonResponse({ ok: true, data: { jobs: [] } }));
    await apiWith(fetchImpl).jobs.list();
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/op/jobs.list');
    expect(fetchImpl.mock.calls[0]?.[1].body).toBe('{}');
  });

  it('passes an error Result through, whatever the HTTP status', async () => {
    const error = { code: 'VALIDATION', message: 'scan.timeoutMs: Too small' };
    const fetchImpl = vi.fn<FetchLike>(async () => jsonResponse({ ok: false, error }, 400));
    expect(await apiWith(fetchImpl).settings.update({ scan: { timeoutMs: 1 } })).toEqual({
      ok: false,
      error,
    });
  });

  it('turns a 401 into UNAUTHORIZED with a message that says what to do', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => new Response('nope', { status: 401 }));
    expect(await apiWith(fetchImpl).app.info()).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: unauthorizedMessage },
    });
  });

  it('turns a network failure into TRANSPORT instead of throwing', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await apiWith(fetchImpl).app.info();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('TRANSPORT');
      expect(result.error.message).toContain('Failed to fetch');
    }
  });

  it('turns a non-JSON answer into TRANSPORT', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const result = await apiWith(fetchImpl).settings.get();
    expect(result).toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
  });

  it('turns JSON that is not a Result into TRANSPORT', async () => {
    for (const body of [{ hello: 1 }, { ok: false, error: { code: 'NOPE', message: 'x' } }, null, [1]]) {
      const fetchImpl = vi.fn<FetchLike>(async () => jsonResponse(body));
      expect(await apiWith(fetchImpl).settings.get()).toMatchObject({
        ok: false,
        error: { code: 'TRANSPORT' },
      });
    }
  });

  it('hands job events from the event source to onJobEvent listeners', () => {
    let emit: (event: JobEvent) => void = () => undefined;
    const api = createHttpApi({
      fetch: vi.fn<FetchLike>(),
      events: (listener) => {
        emit = listener;
        return () => undefined;
      },
    });
    const seen: JobEvent[] = [];
    api.onJobEvent((event) => seen.push(event));
    emit({ type: 'started', jobId: 'j', seq: 0, at: 1, operation: 'diagnostics.selfTest' });
    expect(seen).toHaveLength(1);
  });
});
