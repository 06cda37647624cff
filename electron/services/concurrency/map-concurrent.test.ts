import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent';
import { sleep } from './sleep';

describe('mapConcurrent', () => {
  it('keeps the order of results and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (value) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, value));
      running -= 1;
      return value * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('takes no new item once the signal aborts', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = mapConcurrent(
      [1, 2, 3, 4, 5, 6],
      1,
      async (value) => {
        seen.push(value);
        if (value === 2) controller.abort(new Error('stop'));
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow('stop');
    expect(seen).toEqual([1, 2]);
  });

  it('handles an empty list', async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});

// The liveness sweeps' use: a worker per address, bounded, cancelled by the job's signal.
describe('mapConcurrent as a bounded pool of workers', () => {
  it('runs every item, never more than the bound at once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const items = Array.from({ length: 50 }, (_, index) => index);
    await mapConcurrent(
      items,
      7,
      async (item) => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(item % 3);
        seen.push(item);
        running -= 1;
      },
      new AbortController().signal,
    );
    expect(peak).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual(items);
  });
  it('stops taking items after an error, waits for the running ones, then throws it', async () => {
    let finished = 0;
    const error = new Error('boom');
    const run = mapConcurrent(
      [1, 2, 3, 4, 5, 6],
      2,
      async (item) => {
        if (item === 2) throw error;
        await sleep(5);
        finished += 1;
      },
      new AbortController().signal,
    );
    await expect(run).rejects.toBe(error);
    expect(finished).toBe(1);
  });
  it('rejects with the abort reason once the running workers have settled', async () => {
    const controller = new AbortController();
    let settled = 0;
    const run = mapConcurrent(
      [1, 2, 3, 4],
      2,
      async () => {
        await sleep(1000, controller.signal).finally(() => (settled += 1));
      },
      controller.signal,
    );
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(settled).toBe(2);
  });
  it('handles an empty list', async () => {
    await mapConcurrent(
      [],
      4,
      async () => {
        throw new Error('not called');
      },
      new AbortController().signal,
    );
  });
});
