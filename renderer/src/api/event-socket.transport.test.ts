import type { JobEvent } from '@shared/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventSocket, type SocketLike } from './event-socket.transport';

class FakeSocket implements SocketLike {
  onopen: (() => void) | null = null;
  onmessage: ((data: unknown) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
    this.onclose?.();
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const events = createEventSocket({
    url: 'ws://127.0.0.1:7000/api/events',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    initialDelayMs: 500,
    maxDelayMs: 10_000,
  });
  return { events, sockets, last: () => sockets[sockets.length - 1] as FakeSocket };
}

const started: JobEvent = { type: 'started', jobId: 'j1', seq: 0, at: 1, operation: 'diagnostics.selfTest' };

describe('job event socket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects on the first subscriber and delivers valid events only', () => {
    const { events, sockets, last } = setup();
    expect(sockets).toHaveLength(0);
    const seen: JobEvent[] = [];
    events.subscribe((event) => seen.push(event));
    expect(last().url).toBe('ws://127.0.0.1:7000/api/events');
    last().onmessage?.(JSON.stringify(started));
    last().onmessage?.('not json');
    last().onmessage?.(JSON.stringify({ type: 'started', jobId: 'j1' }));
    last().onmessage?.(new Uint8Array([1, 2]));
    expect(seen).toEqual([started]);
  });

  it('reconnects with growing delays capped at the maximum, and announces each open', () => {
    const { events, sockets, last } = setup();
    const opened = vi.fn();
    events.onOpen(opened);
    events.subscribe(() => undefined);
    last().onopen?.();
    expect(opened).toHaveBeenCalledTimes(1);

    const delays = [500, 1000, 2000, 4000, 8000, 10_000, 10_000];
    for (const delay of delays) {
      const before = sockets.length;
      last().onclose?.();
      vi.advanceTimersByTime(delay - 1);
      expect(sockets).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(before + 1);
    }
    last().onopen?.();
    expect(opened).toHaveBeenCalledTimes(2);
    // A successful open resets the backoff.
    last().onclose?.();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(delays.length + 2);
  });

  it('closes and stops reconnecting when the last listener leaves', () => {
    const { events, sockets, last } = setup();
    const unsubscribe = events.subscribe(() => undefined);
    const socket = last();
    unsubscribe();
    expect(socket.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
