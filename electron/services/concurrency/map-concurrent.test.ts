import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent';

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
