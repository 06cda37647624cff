// A token bucket that paces probes to a packets-per-second budget, so a sweep does not
// flood a home router's ARP table or trip an IDS. Cancellable; the clock is injectable.
import { PromsteadError } from '@shared/contract';
import { sleep } from './sleep';

export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => performance.now(), sleep };

export interface RateLimiterOptions {
  /** Tokens the bucket holds when full: how many probes may leave back to back. */
  burst?: number;
  clock?: Clock;
}

/**
 * Kept as the time the next token falls due (the generic cell rate algorithm, which
 * is a token bucket without a refill timer): each `take` reserves a slot at once, so
 * many concurrent callers are granted in order without any of them polling.
 */
export class RateLimiter {
  private readonly intervalMs: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private nextDueAt = Number.NEGATIVE_INFINITY;

  constructor(perSecond: number, options: RateLimiterOptions = {}) {
    if (!Number.isFinite(perSecond) || perSecond <= 0) {
      throw new PromsteadError('VALIDATION', `A rate of ${perSecond} per second is not a positive number.`);
    }
    this.intervalMs = 1000 / perSecond;
    // About 50 ms worth by default: timers fire at best every millisecond or so, and a
    // small burst keeps a high rate reachable without a thundering herd.
    this.burst = Math.max(1, Math.floor(options.burst ?? perSecond / 20));
    this.clock = options.clock ?? systemClock;
  }

  /** Resolves when a token is available; rejects with the signal's reason on abort. */
  async take(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    const now = this.clock.now();
    const due = Math.max(this.nextDueAt, now);
    this.nextDueAt = due + this.intervalMs;
    // A full bucket lets `burst` tokens go before the pacing starts.
    const waitMs = due - now - (this.burst - 1) * this.intervalMs;
    // A cancelled wait keeps its slot: the sweep is ending, so nobody needs it back.
    if (waitMs > 0) await this.clock.sleep(waitMs, signal);
  }
}
