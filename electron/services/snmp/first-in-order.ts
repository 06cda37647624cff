// Runs attempts a few at a time but decides in order: attempt N wins only once every
// attempt before it has failed. A host without SNMP then costs one timeout instead of
// one per credential, while a preferred credential (v3 before v2c) still wins a race.

export type AttemptOutcome<T, F> = { ok: true; value: T } | { ok: false; failure: F };

export interface FirstInOrderResult<T, F> {
  winner?: { index: number; value: T };
  /** The failures of every attempt before the winner, or of all when none won. */
  failures: F[];
  /** Attempts that were never started because an earlier one had already won. */
  skipped: number;
}

export function firstInOrder<T, F>(
  count: number,
  parallelism: number,
  run: (index: number) => Promise<AttemptOutcome<T, F>>,
  failureOf: (error: unknown, index: number) => F,
): Promise<FirstInOrderResult<T, F>> {
  return new Promise((resolve) => {
    const outcomes: (AttemptOutcome<T, F> | undefined)[] = new Array<undefined>(count).fill(undefined);
    const limit = Math.max(1, Math.floor(parallelism));
    let started = 0;
    let running = 0;
    let decided = false;

    const failuresBefore = (end: number): F[] =>
      outcomes.slice(0, end).flatMap((outcome) => (outcome && !outcome.ok ? [outcome.failure] : []));

    const decide = (): void => {
      for (let index = 0; index < count; index += 1) {
        const outcome = outcomes[index];
        if (outcome === undefined) return;
        if (outcome.ok) {
          decided = true;
          resolve({
            winner: { index, value: outcome.value },
            failures: failuresBefore(index),
            skipped: count - started,
          });
          return;
        }
      }
      decided = true;
      resolve({ failures: failuresBefore(count), skipped: 0 });
    };

    const settle = (index: number, outcome: AttemptOutcome<T, F>): void => {
      running -= 1;
      if (decided) return;
      outcomes[index] = outcome;
      decide();
      launch();
    };

    const launch = (): void => {
      while (!decided && running < limit && started < count) {
        const index = started;
        started += 1;
        running += 1;
        // Through a promise, so a run that throws before its first await still counts as a failure.
        Promise.resolve()
          .then(() => run(index))
          .then(
            (outcome) => settle(index, outcome),
            (error: unknown) => settle(index, { ok: false, failure: failureOf(error, index) }),
          );
      }
    };

    if (count === 0) resolve({ failures: [], skipped: 0 });
    else launch();
  });
}
