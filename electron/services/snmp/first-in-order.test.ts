import { describe, expect, it } from 'vitest';
import { firstInOrder, type AttemptOutcome } from './first-in-order';

type Outcome = AttemptOutcome<string, string>;

/** A promise settled by the test, to play out any order of answers. */
function deferred(): { promise: Promise<Outcome>; settle: (outcome: Outcome) => void } {
  let settle: (outcome: Outcome) => void = () => undefined;
  const promise = new Promise<Outcome>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('firstInOrder', () => {
  it('waits for an earlier attempt before letting a later answer win', async () => {
    const runs = [deferred(), deferred(), deferred()];
    let finished = false;
    const result = firstInOrder(3, 3, (index) => runs[index]!.promise, String).then((value) => {
      finished = true;
      return value;
    });
    runs[1]!.settle({ ok: true, value: 'v2c' });
    await flush();
    expect(finished).toBe(false);
    runs[0]!.settle({ ok: false, failure: 'v3 refused' });
    expect(await result).toEqual({
      winner: { index: 1, value: 'v2c' },
      failures: ['v3 refused'],
      skipped: 0,
    });
  });

  it('decides as soon as the first attempt answers, without waiting for the rest', async () => {
    const runs = [deferred(), deferred()];
    const result = firstInOrder(2, 2, (index) => runs[index]!.promise, String);
    runs[0]!.settle({ ok: true, value: 'v3' });
    expect(await result).toEqual({ winner: { index: 0, value: 'v3' }, failures: [], skipped: 0 });
  });

  it('runs no more than the parallelism at once, and starts nothing after a win', async () => {
    const runs = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const result = firstInOrder(
      4,
      2,
      (index) => {
        started.push(index);
        return runs[index]!.promise;
      },
      String,
    );
    await flush();
    expect(started).toEqual([0, 1]);
    runs[0]!.settle({ ok: false, failure: 'timeout' });
    await flush();
    expect(started).toEqual([0, 1, 2]);
    runs[1]!.settle({ ok: true, value: 'answered' });
    expect(await result).toMatchObject({ winner: { index: 1 }, failures: ['timeout'], skipped: 1 });
    expect(started).toEqual([0, 1, 2]);
  });

  it('reports every failure, in order, when nothing answers', async () => {
    const result = await firstInOrder(
      3,
      3,
      (index): Promise<Outcome> => Promise.resolve({ ok: false, failure: `failure ${index}` }),
      String,
    );
    expect(result).toEqual({ failures: ['failure 0', 'failure 1', 'failure 2'], skipped: 0 });
  });

  it('turns a run that throws or rejects into a failure', async () => {
    const result = await firstInOrder(
      2,
      2,
      (index): Promise<Outcome> => {
        if (index === 0) throw new Error('sync boom');
        return Promise.reject(new Error('async boom'));
      },
      (error, index) => `${index}: ${(error as Error).message}`,
    );
    expect(result.failures).toEqual(['0: sync boom', '1: async boom']);
  });

  it('resolves at once with no attempts', async () => {
    expect(await firstInOrder(0, 4, () => Promise.reject(new Error('never')), String)).toEqual({
      failures: [],
      skipped: 0,
    });
  });
});
