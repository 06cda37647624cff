// A pool that runs added tasks with at most `limit` at once, and lets the caller wait
// for all of them; the first failure (a cancel, say) is what `drain` rejects with.
// Unlike mapConcurrent, tasks arrive while it runs (a scan adds a host as it is found).
import { Semaphore } from './semaphore';

export class TaskPool {
  private readonly slots: Semaphore;
  private readonly settled: Promise<void>[] = [];
  private failure: unknown;

  constructor(limit: number) {
    this.slots = new Semaphore(limit);
  }

  add(task: () => Promise<void>): void {
    this.settled.push(this.runInTurn(task));
  }

  async drain(): Promise<void> {
    // Tasks may add tasks; wait until no new ones appear.
    for (let seen = 0; seen < this.settled.length;) {
      const batch = this.settled.slice(seen);
      seen = this.settled.length;
      await Promise.all(batch);
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Never rejects: a failure is kept for `drain`, and the slot always goes back. */
  private async runInTurn(task: () => Promise<void>): Promise<void> {
    const release = await this.slots.acquire();
    try {
      await task();
    } catch (error) {
      this.failure ??= error;
    } finally {
      release();
    }
  }
}
