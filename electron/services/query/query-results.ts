// What Prometheus sends for a query, a target or a metric's metadata, in the contract's
// shapes: sample values arrive as strings ("1.5", "NaN", "+Inf") and become numbers, except
// the three JSON cannot carry; timestamps arrive as float seconds and become milliseconds.
import { z } from 'zod';
import { PromsteadError, type QueryResult, type SampleValue, type TargetHealth } from '@shared/contract';

/** "NaN", "+Inf", "-Inf" stay strings (JSON has no such numbers); anything else is a number. */
export function sampleValue(text: string): SampleValue {
  if (text === 'NaN') return 'NaN';
  if (text === '+Inf' || text === 'Inf') return '+Inf';
  if (text === '-Inf') return '-Inf';
  const value = Number(text);
  if (Number.isFinite(value) && text.trim() !== '') return value;
  throw new PromsteadError('TRANSPORT', `The server sent "${text.slice(0, 40)}" as a sample value.`);
}

/** Float seconds since the epoch as whole milliseconds. */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

const WirePointSchema = z.tuple([z.number(), z.string()]);
const LabelsSchema = z.record(z.string(), z.string());

/** A series may carry a native histogram instead of a float (`histogram` / `histograms`). */
export const WireResultSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: LabelsSchema, value: WirePointSchema.optional() })),
  }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: LabelsSchema, values: z.array(WirePointSchema).optional() })),
  }),
  z.object({ resultType: z.literal('scalar'), result: WirePointSchema }),
  z.object({ resultType: z.literal('string'), result: WirePointSchema }),
]);
type WireResult = z.infer<typeof WireResultSchema>;

const histogramWarning =
  'Native histogram series are left out: Promstead shows float samples only (query a histogram_quantile or histogram_count instead).';

/** The result in the contract's shape, and a warning when native histograms were left out. */
export function toQueryResult(wire: WireResult): { data: QueryResult; warnings: string[] } {
  const point = ([seconds, text]: [number, string]): [number, SampleValue] => [
    secondsToMs(seconds),
    sampleValue(text),
  ];
  switch (wire.resultType) {
    case 'vector': {
      const floats = wire.result.flatMap((series) =>
        series.value ? [{ metric: series.metric, value: point(series.value) }] : [],
      );
      const skipped = floats.length < wire.result.length;
      return { data: { resultType: 'vector', result: floats }, warnings: skipped ? [histogramWarning] : [] };
    }
    case 'matrix': {
      const floats = wire.result.flatMap((series) =>
        series.values ? [{ metric: series.metric, values: series.values.map(point) }] : [],
      );
      const skipped = floats.length < wire.result.length;
      return { data: { resultType: 'matrix', result: floats }, warnings: skipped ? [histogramWarning] : [] };
    }
    case 'scalar':
      return { data: { resultType: 'scalar', result: point(wire.result) }, warnings: [] };
    case 'string':
      return {
        data: { resultType: 'string', result: [secondsToMs(wire.result[0]), wire.result[1]] },
        warnings: [],
      };
  }
}

export const WireTargetsSchema = z.object({
  activeTargets: z.array(
    z.object({
      labels: LabelsSchema.optional(),
      scrapeUrl: z.string().optional(),
      health: z.string().optional(),
      lastError: z.string().optional(),
      /** RFC 3339; Go's zero time (year 1) before the first scrape. */
      lastScrape: z.string().optional(),
      /** Seconds. */
      lastScrapeDuration: z.number().optional(),
    }),
  ),
});

export function toTargets(wire: z.infer<typeof WireTargetsSchema>): TargetHealth[] {
  return wire.activeTargets.map((target) => {
    const labels = target.labels ?? {};
    const scraped = target.lastScrape ? Date.parse(target.lastScrape) : Number.NaN;
    const health = target.health === 'up' || target.health === 'down' ? target.health : 'unknown';
    return {
      job: labels.job ?? '',
      instance: labels.instance ?? '',
      scrapeUrl: target.scrapeUrl ?? '',
      health,
      // Go's zero time parses to year 1: before the first scrape there is no time to show.
      ...(Number.isFinite(scraped) && scraped > 0 ? { lastScrape: scraped } : {}),
      lastScrapeDurationMs: (target.lastScrapeDuration ?? 0) * 1000,
      lastError: target.lastError ?? '',
      labels,
    };
  });
}

export const WireMetadataSchema = z.record(
  z.string(),
  z.array(z.object({ type: z.string(), help: z.string(), unit: z.string().optional() })),
);

export function toMetadata(
  wire: z.infer<typeof WireMetadataSchema>,
): Record<string, { type: string; help: string; unit: string }[]> {
  return Object.fromEntries(
    Object.entries(wire).map(([name, entries]) => [
      name,
      entries.map((entry) => ({ type: entry.type, help: entry.help, unit: entry.unit ?? '' })),
    ]),
  );
}
