import { describe, expect, it } from 'vitest';
import { RateLimiter, type Clock } from './rate-limiter';

/** A clock that only moves when something sleeps on it; records every sleep. */
function fakeClock(): Clock & { sleeps: number[]; time: number } {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: (): number => clock.time,
    sleep: (ms: number, signal: AbortSignal): Promise<void> => {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      clock.sleeps.push(ms);
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

describe('RateLimiter', () => {
  it('paces takes to the rate once the burst is spent', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(100, { burst: 3, clock });
    const signal = new AbortController().signal;
    for (let index = 0; index < 10; index++) await limiter.take(signal);
    // 3 at once, then one every 10 ms: 7 more tokens take 70 ms.
    expect(clock.sleeps).toHaveLength(7);
    expect(clock.time).toBeCloseTo(70);
  });
  it('never grants more than rate × time + burst, with many concurrent takers', async () => {
    // All reserve at the same instant: time stands still while they wait.
    const waits: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => void waits.push(ms) };
    const limiter = new RateLimiter(1000, { burst: 5, clock });
    const signal = new AbortController().signal;
    await Promise.all(Array.from({ length: 1005 }, () => limiter.take(signal)));
    // 5 go at once; the other 1,000 fall due one millisecond apart, in order.
    expect(waits).toHaveLength(1000);
    expect(waits.every((ms, index) => Math.abs(ms - (index + 1)) < 1e-9)).toBe(true);
  });
  it('refills while idle, up to the burst only', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(10, { burst: 2, clock });
    const signal = new AbortController().signal;
    await limiter.take(signal);
    await limiter.take(signal);
    clock.time += 10_000;
    clock.sleeps.length = 0;
    for (let index = 0; index < 4; index++) await limiter.take(signal);
    expect(clock.sleeps).toEqual([100, 100]);
  });
  it('defaults the burst to about 50 ms worth, at least one', async () => {
    const clock = fakeClock();
    const signal = new AbortController().signal;
    const fast = new RateLimiter(200, { clock });
    for (let index = 0; index < 10; index++) await fast.take(signal);
    expect(clock.sleeps).toEqual([]);
    await fast.take(signal);
    expect(clock.sleeps).toHaveLength(1);
    const slow = new RateLimiter(1, { clock });
    await slow.take(signal);
    await slow.take(signal);
    expect(clock.sleeps.at(-1)).toBeCloseTo(1000);
  });
  it('rejects with the reason when cancelled before or while waiting (real clock)', async () => {
    const limiter = new RateLimiter(1, { burst: 1 });
    const controller = new AbortController();
    await limiter.take(controller.signal);
    const waiting = limiter.take(controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(limiter.take(controller.signal)).rejects.toBe(reason);
  });
  it('refuses a rate that is not a positive number', () => {
    for (const rate of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RateLimiter(rate)).toThrow(/not a positive number/);
    }
  });
});
