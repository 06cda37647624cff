// Runs an async step over a list with at most `limit` steps at once: the one bounded
// loop of the engine, for the liveness sweeps (a worker per address, results unused)
// and discovery's port probes (results in the items' order).

/**
 * Stops taking items once the signal aborts or a step fails, and settles only when every
 * started step has settled, so nothing a step started outlives the call. Rejects with
 * the signal's reason on abort, else with the first step's error.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  step: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // Bounded by items.length: each turn takes one item.
    while (next < items.length && failure === undefined && !signal?.aborted) {
      const index = next;
      next += 1;
      try {
        results[index] = await step(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (signal?.aborted) throw signal.reason;
  if (failure) throw failure.error;
  return results;
}
