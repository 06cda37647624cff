// A pool that runs added tasks with at most `limit` at once, and lets the caller wait
// for all of them; the first failure (a cancel, say) is what `drain` rejects with.
export class TaskPool {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private readonly settled: Promise<void>[] = [];
  private failure: unknown;

  constructor(private readonly limit: number) {}

  add(task: () => Promise<void>): void {
    this.settled.push(
      new Promise<void>((resolve) => {
        this.waiting.push(async () => {
          try {
            await task();
          } catch (error) {
            this.failure ??= error;
          } finally {
            resolve();
          }
        });
        this.pump();
      }),
    );
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

  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next) break;
      this.running += 1;
      void next().finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }
}
