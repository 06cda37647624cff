import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';
import { sleep } from './sleep';

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
