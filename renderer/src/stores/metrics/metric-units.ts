// Human units for metric values, read from the family's unit (OpenMetrics) or its name's
// suffix as Prometheus's naming conventions put it (`_bytes`, `_seconds`, `_ratio`…),
// so a person reads "1.5 GiB" and "250 ms" rather than 1610612736 and 0.25.
import type { SampleValue } from '@shared/contract';

export const metricUnits = [
  'bytes',
  'seconds',
  'ratio',
  'percent',
  'celsius',
  'volts',
  'watts',
  'hertz',
  'amperes',
  'joules',
  'meters',
  'info',
  'none',
] as const;
export type MetricUnit = (typeof metricUnits)[number];

/** Sample suffixes that say which part of a family a sample is, not its unit. */
const partSuffixes = ['_total', '_bucket', '_sum', '_count', '_created', '_gcount', '_gsum', '_info'];

/** The unit a name (or an OpenMetrics unit) says, checked from the name's last word back. */
export function unitOf(name: string, declaredUnit = ''): MetricUnit {
  const declared = declaredUnit.toLowerCase();
  if ((metricUnits as readonly string[]).includes(declared)) return declared as MetricUnit;
  if (name.endsWith('_info')) return 'info';
  let base = name;
  for (const suffix of partSuffixes) if (base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  const last = base.slice(base.lastIndexOf('_') + 1);
  if (last === 'celsius' || last === 'degrees') return 'celsius';
  if (last === 'seconds') return 'seconds';
  if (last === 'bytes') return 'bytes';
  if (last === 'ratio') return 'ratio';
  if (last === 'percent' || last === 'percentage') return 'percent';
  if (last === 'volts') return 'volts';
  if (last === 'watts') return 'watts';
  if (last === 'hertz') return 'hertz';
  if (last === 'amperes') return 'amperes';
  if (last === 'joules') return 'joules';
  if (last === 'meters') return 'meters';
  return 'none';
}

/** JSON carries NaN and the infinities as strings; charts and sums want numbers. */
export function sampleNumber(value: SampleValue): number {
  if (typeof value === 'number') return value;
  if (value === '+Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return NaN;
}

const iecPrefixes = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const siPrefixes = [
  { factor: 1e12, prefix: 'T' },
  { factor: 1e9, prefix: 'G' },
  { factor: 1e6, prefix: 'M' },
  { factor: 1e3, prefix: 'k' },
];
const smallPrefixes = [
  { factor: 1, prefix: '' },
  { factor: 1e-3, prefix: 'm' },
  { factor: 1e-6, prefix: 'µ' },
  { factor: 1e-9, prefix: 'n' },
];

/** Three significant digits, without trailing zeros: 1.5, 12.3, 123, 1234. */
export function compactNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return String(Math.round(value));
  if (magnitude < 1e-3) return value.toExponential(2);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return String(Number(value.toFixed(digits)));
}

function withSiPrefix(value: number, symbol: string): string {
  const magnitude = Math.abs(value);
  for (const { factor, prefix } of siPrefixes)
    if (magnitude >= factor) return `${compactNumber(value / factor)} ${prefix}${symbol}`.trimEnd();
  if (magnitude > 0 && magnitude < 1 && symbol !== '')
    for (const { factor, prefix } of smallPrefixes)
      if (magnitude >= factor) return `${compactNumber(value / factor)} ${prefix}${symbol}`;
  return `${compactNumber(value)} ${symbol}`.trimEnd();
}

function formatBytes(value: number): string {
  let scaled = value;
  let index = 0;
  while (Math.abs(scaled) >= 1024 && index < iecPrefixes.length - 1) {
    scaled /= 1024;
    index++;
  }
  return `${compactNumber(scaled)} ${iecPrefixes[index]}`;
}

function formatSeconds(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0 s';
  if (magnitude < 1) return withSiPrefix(value, 's');
  if (magnitude < 120) return `${compactNumber(value)} s`;
  if (magnitude < 3600) return `${compactNumber(value / 60)} min`;
  if (magnitude < 2 * 86_400) return `${compactNumber(value / 3600)} h`;
  return `${compactNumber(value / 86_400)} d`;
}

export interface FormatOptions {
  /** A counter's per-second rate: the unit gets "/s". */
  perSecond?: boolean;
}

/** A value in the unit's human form; NaN and the infinities as Prometheus writes them. */
export function formatValue(
  value: number | null | undefined,
  unit: MetricUnit,
  options: FormatOptions = {},
): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const rate = options.perSecond === true;
  // A rate of seconds per second is a busy share (CPU time per second): shown as such.
  if (rate && unit === 'seconds') return `${compactNumber(value)} s/s`;
  const suffix = rate ? '/s' : '';
  switch (unit) {
    case 'bytes':
      return formatBytes(value) + suffix;
    case 'seconds':
      return formatSeconds(value);
    case 'ratio':
      return `${compactNumber(value * 100)}%${suffix}`;
    case 'percent':
      return `${compactNumber(value)}%${suffix}`;
    case 'celsius':
      return `${compactNumber(value)} °C${suffix}`;
    case 'volts':
      return withSiPrefix(value, 'V') + suffix;
    case 'watts':
      return withSiPrefix(value, 'W') + suffix;
    case 'hertz':
      return withSiPrefix(value, 'Hz') + suffix;
    case 'amperes':
      return withSiPrefix(value, 'A') + suffix;
    case 'joules':
      return withSiPrefix(value, 'J') + suffix;
    case 'meters':
      return withSiPrefix(value, 'm') + suffix;
    case 'info':
    case 'none':
      return rate ? `${withSiPrefix(value, '')}/s` : withSiPrefix(value, '');
  }
}

/** The unit's short name for an axis or a column header. */
export function unitLabel(unit: MetricUnit, perSecond = false): string {
  const base = {
    bytes: 'bytes',
    seconds: 'seconds',
    ratio: '%',
    percent: '%',
    celsius: '°C',
    volts: 'V',
    watts: 'W',
    hertz: 'Hz',
    amperes: 'A',
    joules: 'J',
    meters: 'm',
    info: 'info',
    none: '',
  }[unit];
  if (!perSecond) return base;
  return unit === 'seconds' ? 's/s' : `${base}/s`;
}
