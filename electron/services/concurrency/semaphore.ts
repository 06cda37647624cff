// Counts holders of a limited resource (open sockets, pool slots, the deploy lane),
// serving waiters in order; a waiter whose signal aborts leaves the queue at once.
// The one waiting queue of this folder: TaskPool and ExclusiveLane are built on it.

export class Semaphore {
  private available: number;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(size: number) {
    this.available = size;
  }

  /**
   * Resolves with the release function (calling it twice releases once); rejects with
   * the signal's reason on abort. Without a signal, waits for as long as it takes.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
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
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }
}
