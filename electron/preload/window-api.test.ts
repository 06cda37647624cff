import { describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '@shared/contract';
import {
  channelFor,
  jobEventChannel,
  operationNames,
  splitOperationName,
} from '@shared/contract/operation-kinds';
import { buildWindowApi, type RendererIpc } from './window-api';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc(): RendererIpc & {
  listeners: Map<string, Set<Listener>>;
  emit: (channel: string, payload: unknown) => void;
} {
  const listeners = new Map<string, Set<Listener>>();
  return {
    listeners,
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    emit: (channel, payload) =>
      listeners.get(channel)?.forEach((listener) => listener({ sender: 'secret' }, payload)),
  };
}

describe('buildWindowApi', () => {
  it('has exactly the contract namespaces and methods, plus onJobEvent', () => {
    const api = buildWindowApi(fakeIpc()) as unknown as Record<string, unknown>;
    const expected = new Map<string, string[]>();
    for (const name of operationNames) {
      const [namespace, method] = splitOperationName(name);
      expected.set(namespace, [...(expected.get(namespace) ?? []), method]);
    }
    expect(Object.keys(api).sort()).toEqual([...expected.keys(), 'onJobEvent'].sort());
    for (const [namespace, methods] of expected) {
      expect(Object.keys(api[namespace] as object).sort()).toEqual(methods.sort());
    }
  });

  it('invokes each operation on its own channel with the input as given', async () => {
    const ipc = fakeIpc();
    const api = buildWindowApi(ipc);
    await expect(api.settings.update({ theme: 'dark' })).resolves.toEqual({
      ok: true,
      data: { channel: channelFor('settings.update'), input: { theme: 'dark' } },
    });
    await api.app.info();
    expect(ipc.invoke).toHaveBeenLastCalledWith(channelFor('app.info'), undefined);
  });

  it('hands listeners the job event only, and unsubscribes just that listener', () => {
    const ipc = fakeIpc();
    const api = buildWindowApi(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onJobEvent(first);
    api.onJobEvent(second);
    const event: JobEvent = { type: 'log', jobId: 'j1', seq: 1, at: 2, level: 'info', message: 'hi' };
    ipc.emit(jobEventChannel, event);
    expect(first).toHaveBeenCalledWith(event);
    expect(first.mock.calls[0]).toHaveLength(1);
    stopFirst();
    ipc.emit(jobEventChannel, { ...event, seq: 2 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    expect(ipc.listeners.get(jobEventChannel)?.size).toBe(1);
  });

  it('refuses a listener that is not a function', () => {
    const api = buildWindowApi(fakeIpc());
    expect(() => api.onJobEvent('nope' as unknown as (event: JobEvent) => void)).toThrow(TypeError);
  });
});
