// Prometheus durations ("1m30s", "15s", "2h") as milliseconds, so the renderer can keep a
// job's scrape_timeout at or below its interval: Prometheus refuses the file otherwise.

const unitMilliseconds = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
} as const satisfies Record<string, number>;

type DurationUnit = keyof typeof unitMilliseconds;

// Units in the order Prometheus requires them; "ms" comes before "m" so the regex
// does not read "5ms" as five minutes followed by garbage.
const durationPattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const patternUnits: DurationUnit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Milliseconds of a Prometheus duration, or undefined when it is not one. */
export function parsePrometheusDuration(text: string): number | undefined {
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  const match = durationPattern.exec(text);
  if (!match) return undefined;
  let total = 0;
  patternUnits.forEach((unit, index) => {
    const digits = match[index + 1];
    if (digits !== undefined) total += Number(digits) * unitMilliseconds[unit];
  });
  return total;
}

/** True when the text is a duration Prometheus accepts. */
export function isPrometheusDuration(text: string): boolean {
  return parsePrometheusDuration(text) !== undefined;
}
