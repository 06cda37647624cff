import { describe, expect, it } from 'vitest';
import { sleep } from './sleep';
import { forEachBounded, Semaphore } from './bounded-pool';

describe('forEachBounded', () => {
  it('runs every item, never more than the bound at once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const items = Array.from({ length: 50 }, (_, index) => index);
    await forEachBounded(items, 7, new AbortController().signal, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(item % 3);
      seen.push(item);
      running -= 1;
    });
    expect(peak).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual(items);
  });
  it('stops taking items after an error, waits for the running ones, then throws it', async () => {
    let finished = 0;
    const error = new Error('boom');
    const run = forEachBounded([1, 2, 3, 4, 5, 6], 2, new AbortController().signal, async (item) => {
      if (item === 2) throw error;
      await sleep(5);
      finished += 1;
    });
    await expect(run).rejects.toBe(error);
    expect(finished).toBe(1);
  });
  it('rejects with the abort reason once the running workers have settled', async () => {
    const controller = new AbortController();
    let settled = 0;
    const run = forEachBounded([1, 2, 3, 4], 2, controller.signal, async () => {
      await sleep(1000, controller.signal).finally(() => (settled += 1));
    });
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(settled).toBe(2);
  });
  it('handles an empty list', async () => {
    await forEachBounded([], 4, new AbortController().signal, async () => {
      throw new Error('not called');
    });
  });
});

describe('Semaphore', () => {
  it('grants in order and only as many as its size', async () => {
    const semaphore = new Semaphore(2);
    const signal = new AbortController().signal;
    const first = await semaphore.acquire(signal);
    await semaphore.acquire(signal);
    const order: string[] = [];
    const third = semaphore.acquire(signal).then((release) => (order.push('third'), release));
    const fourth = semaphore.acquire(signal).then((release) => (order.push('fourth'), release));
    await sleep(1);
    expect(order).toEqual([]);
    first();
    first(); // a second release of the same grant does nothing
    await third;
    await sleep(1);
    expect(order).toEqual(['third']);
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });
  it('drops a waiter whose signal aborts', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    release();
    // The slot went back to the pool, not to the aborted waiter.
    const again = await semaphore.acquire(new AbortController().signal);
    expect(typeof again).toBe('function');
  });
});
