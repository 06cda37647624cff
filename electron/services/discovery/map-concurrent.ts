// Runs an async step over many items with a bound on how many run at once, stopping
// early when the signal aborts.
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  step: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (signal.aborted) throw signal.reason as Error;
      const index = next++;
      results[index] = await step(items[index] as T, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
