// PromQL against a Prometheus server: the one Promstead deployed, or one given by URL.
// Answers keep Prometheus's own shapes (vector, matrix, scalar, string) with values as
// the wire's SampleValue, and a server error keeps the server's own words.
import { z } from 'zod';
import { SampleValueSchema, ScrapeAuthSchema, ScrapeTlsSchema } from './metrics';

export const PrometheusServerSchema = z.discriminatedUnion('kind', [
  /** The Prometheus Promstead deployed on this host (reached through SSH when needed). */
  z.object({ kind: z.literal('deployment'), hostId: z.string().min(1).max(100) }).strict(),
  z
    .object({
      kind: z.literal('url'),
      url: z
        .string()
        .max(2048)
        .regex(/^https?:\/\/[^\s@]+$/, 'must be an http:// or https:// URL such as http://nas.lan:9090'),
      auth: ScrapeAuthSchema.optional(),
      tls: ScrapeTlsSchema.optional(),
    })
    .strict(),
]);
export type PrometheusServer = z.infer<typeof PrometheusServerSchema>;
export type PrometheusServerInput = z.input<typeof PrometheusServerSchema>;

const PromqlSchema = z.string().min(1).max(20_000);

export const InstantQueryInputSchema = z
  .object({
    server: PrometheusServerSchema,
    query: PromqlSchema,
    /** Evaluation time, ms since the epoch; now when absent. */
    time: z.number().optional(),
  })
  .strict();

export const RangeQueryInputSchema = z
  .object({
    server: PrometheusServerSchema,
    query: PromqlSchema,
    /** ms since the epoch. */
    start: z.number(),
    end: z.number(),
    /** Seconds between points; Prometheus refuses more than 11,000 points per series. */
    stepSeconds: z.number().positive().max(86_400),
  })
  .strict()
  .refine((input) => input.end >= input.start, 'end must not be before start');

const PointSchema = z.tuple([z.number(), SampleValueSchema]);

export const QueryResultSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: PointSchema })),
  }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(PointSchema) })),
  }),
  z.object({ resultType: z.literal('scalar'), result: PointSchema }),
  z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
]);
export type QueryResult = z.infer<typeof QueryResultSchema>;

export const QueryAnswerSchema = z.object({
  data: QueryResultSchema,
  /** The server's warnings (e.g. a counter named without _total). */
  warnings: z.array(z.string()),
  durationMs: z.number(),
});
export type QueryAnswer = z.infer<typeof QueryAnswerSchema>;

export const NamesInputSchema = z
  .object({
    server: PrometheusServerSchema,
    /** Label values of this label (`__name__` for metric names); label names when absent. */
    label: z.string().min(1).max(300).optional(),
    /** Series selectors that limit the answer, e.g. `{job="node"}`. */
    match: z.array(z.string().min(1).max(2000)).max(20).default([]),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict();

export const MetadataInputSchema = z
  .object({ server: PrometheusServerSchema, metric: z.string().max(300).optional() })
  .strict();

export const MetricMetadataSchema = z.record(
  z.string(),
  z.array(z.object({ type: z.string(), help: z.string(), unit: z.string() })),
);

export const TargetHealthSchema = z.object({
  job: z.string(),
  instance: z.string(),
  scrapeUrl: z.string(),
  health: z.enum(['up', 'down', 'unknown']),
  /** ms since the epoch; absent before the first scrape. */
  lastScrape: z.number().optional(),
  lastScrapeDurationMs: z.number(),
  lastError: z.string(),
  labels: z.record(z.string(), z.string()),
});
export type TargetHealth = z.infer<typeof TargetHealthSchema>;
