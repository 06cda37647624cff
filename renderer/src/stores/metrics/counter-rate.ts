// A counter's per-second rate between two scrapes, as Prometheus's rate() treats a
// counter reset: a value lower than the one before means the process restarted and
// counted up from zero, so the increase is the new value itself.
export interface CounterPoint {
  /** ms since the epoch. */
  at: number;
  value: number;
}

/** null when there is no rate to give: no earlier point, no time between, or not a number. */
export function counterRate(previous: CounterPoint | undefined, current: CounterPoint): number | null {
  if (!previous) return null;
  const seconds = (current.at - previous.at) / 1000;
  if (!(seconds > 0) || !Number.isFinite(current.value) || !Number.isFinite(previous.value)) return null;
  return counterIncrease(previous.value, current.value) / seconds;
}

/** How much a counter grew from `before` to `after`, counting a reset as starting from zero. */
export function counterIncrease(before: number, after: number): number {
  return after < before ? after : after - before;
}
