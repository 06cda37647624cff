// Steps for range queries: Prometheus refuses more than 11,000 points per series, so a
// range that would exceed it is refused here, before it is sent, with a step that works;
// and a range without a step gets one that draws about 250 points.
import { PromsteadError } from '@shared/contract';

export const maxPointsPerSeries = 11_000;

/** Steps a person would pick, in seconds; above a day, whole days. */
const sensibleSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
] as const;

/** The smallest sensible step of at least `seconds`. */
export function sensibleStepAtLeast(seconds: number): number {
  const step = sensibleSteps.find((candidate) => candidate >= seconds);
  return step ?? Math.ceil(seconds / 86_400) * 86_400;
}

/** The step for a range drawn with about `points` points (250 by default), in seconds. */
export function defaultStepSeconds(rangeMs: number, points = 250): number {
  return sensibleStepAtLeast(rangeMs / 1000 / points);
}

/** Seconds as a Prometheus duration: 90 → "1m30s", 0.25 → "250ms". */
export function formatStep(seconds: number): string {
  let rest = Math.round(seconds * 1000);
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, ms] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    if (rest >= ms) {
      parts.push(`${Math.floor(rest / ms)}${unit}`);
      rest %= ms;
    }
  }
  return parts.join('');
}

/**
 * Refuses a range whose series would have more points than Prometheus serves, by
 * Prometheus's own rule ((end - start) / step > 11,000), naming a step that works.
 */
export function checkRangeResolution(startMs: number, endMs: number, stepSeconds: number): void {
  const rangeSeconds = (endMs - startMs) / 1000;
  if (rangeSeconds / stepSeconds <= maxPointsPerSeries) return;
  const points = Math.floor(rangeSeconds / stepSeconds) + 1;
  const working = sensibleStepAtLeast(rangeSeconds / maxPointsPerSeries);
  throw new PromsteadError(
    'VALIDATION',
    `A step of ${formatStep(stepSeconds)} over ${formatStep(rangeSeconds)} gives ${points.toLocaleString('en-US')} points per series; Prometheus serves at most ${maxPointsPerSeries.toLocaleString('en-US')}. Use a step of ${formatStep(working)} or more, or a shorter range.`,
    { points, maxPoints: maxPointsPerSeries, suggestedStepSeconds: working },
  );
}
