// Bounded concurrency for sweeps: a fixed number of workers over a list, and a
// semaphore for a shared resource (open sockets). Both stop at once on abort.

/**
 * Runs `worker` over `items`, at most `concurrency` at a time, and settles only when
 * every started worker has settled, so nothing a worker started outlives the call.
 * Rejects with the signal's reason on abort, else with the first worker's error.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const run = async (): Promise<void> => {
    // Bounded by items.length: each turn takes one item.
    while (next < items.length && failure === undefined && !signal.aborted) {
      const item = items[next] as T;
      next += 1;
      try {
        await worker(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, run));
  if (signal.aborted) throw signal.reason;
  if (failure) throw failure.error;
}

/** Counts holders of a limited resource; waiters are served in order. */
export class Semaphore {
  private available: number;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(size: number) {
    this.available = size;
  }

  /** Resolves with the release function; rejects with the signal's reason on abort. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const waiter = this.waiters.shift();
      if (waiter) waiter.grant();
      else this.available += 1;
    };
    if (this.available > 0) {
      this.available -= 1;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: (): void => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }
}
