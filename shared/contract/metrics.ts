// The live metric viewer's data: what an exporter exposes (metric families and their
// samples, parsed from the Prometheus text format or OpenMetrics), where it is scraped
// from (a deployment, an exporter discovery found, or a URL), a watch's stream of
// samples, and the drop rules that trim a scrape job's series.
import { z } from 'zod';
import { ExporterIdSchema } from './discovery';
import { SecretIdSchema } from './exporter-params';

/** JSON has no NaN or infinities: they travel as these three strings. */
export const SampleValueSchema = z.union([z.number(), z.enum(['NaN', '+Inf', '-Inf'])]);
export type SampleValue = z.infer<typeof SampleValueSchema>;

/**
 * `untyped` is the Prometheus text format's word (and what a sample without a TYPE line
 * gets there); `unknown` is OpenMetrics'.
 */
export const metricTypes = [
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'summary',
  'info',
  'stateset',
  'untyped',
  'unknown',
] as const;
export const MetricTypeSchema = z.enum(metricTypes);
export type MetricType = z.infer<typeof MetricTypeSchema>;

const LabelSetSchema = z.record(z.string(), z.string());

export const ExemplarSchema = z.object({
  labels: LabelSetSchema,
  value: SampleValueSchema,
  /** Milliseconds since the epoch. */
  timestamp: z.number().optional(),
});
export type Exemplar = z.infer<typeof ExemplarSchema>;

export const MetricSampleSchema = z.object({
  /** The sample's own name: `x_bucket`, `x_total`, `x_created`… */
  name: z.string(),
  labels: LabelSetSchema,
  value: SampleValueSchema,
  /** Milliseconds since the epoch, whatever unit the format wrote it in. */
  timestamp: z.number().optional(),
  exemplar: ExemplarSchema.optional(),
});
export type MetricSample = z.infer<typeof MetricSampleSchema>;

export const MetricFamilySchema = z.object({
  name: z.string(),
  type: MetricTypeSchema,
  /** Empty when the exposition gave none. */
  help: z.string(),
  unit: z.string(),
  samples: z.array(MetricSampleSchema),
});
export type MetricFamily = z.infer<typeof MetricFamilySchema>;

export const ExpositionFormatSchema = z.enum(['prometheus-text', 'openmetrics']);
export type ExpositionFormat = z.infer<typeof ExpositionFormatSchema>;

const HttpUrlSchema = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
      );
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without credentials in it (give them as basic auth)');

/** SHA-256 of the server certificate (DER), hex with or without colons. */
export const CertificateFingerprintSchema = z
  .string()
  .regex(/^(sha256:)?([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i, 'must be a SHA-256 fingerprint: 64 hex digits');

export const ScrapeAuthSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('basic'),
      username: z.string().min(1).max(200),
      passwordSecretId: SecretIdSchema,
    })
    .strict(),
  z.object({ kind: z.literal('bearer'), tokenSecretId: SecretIdSchema }).strict(),
]);
export type ScrapeAuth = z.infer<typeof ScrapeAuthSchema>;

export const ScrapeTlsSchema = z
  .object({
    /** A PEM file on this machine with the CA that signed the exporter's certificate. */
    caFile: z.string().min(1).max(4096).optional(),
    /** Trust exactly this certificate (a self-signed exporter), whoever signed it. */
    fingerprint: CertificateFingerprintSchema.optional(),
    /** The name to check the certificate against, when the URL has an address. */
    serverName: z.string().min(1).max(253).optional(),
  })
  .strict();
export type ScrapeTls = z.infer<typeof ScrapeTlsSchema>;

export const ScrapeTargetSchema = z.discriminatedUnion('kind', [
  /** What Promstead deployed: scraped directly, or through the host's SSH connection. */
  z
    .object({ kind: z.literal('deployment'), hostId: z.string().min(1).max(100), exporter: ExporterIdSchema })
    .strict(),
  /** An exporter a scan found listening. */
  z
    .object({
      kind: z.literal('discovered'),
      address: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65535),
      path: z
        .string()
        .regex(/^\/[^\s]*$/, 'must be a path such as /metrics')
        .max(500)
        .default('/metrics'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('url'),
      url: HttpUrlSchema,
      auth: ScrapeAuthSchema.optional(),
      tls: ScrapeTlsSchema.optional(),
    })
    .strict(),
]);
export type ScrapeTarget = z.infer<typeof ScrapeTargetSchema>;
export type ScrapeTargetInput = z.input<typeof ScrapeTargetSchema>;

export const ScrapeInputSchema = z
  .object({
    target: ScrapeTargetSchema,
    timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    /** Only these families' samples in the answer (all families are still counted). */
    families: z.array(z.string().min(1).max(300)).max(200).optional(),
  })
  .strict();
export type ScrapeInput = z.input<typeof ScrapeInputSchema>;

export const FamilySummarySchema = z.object({
  name: z.string(),
  type: MetricTypeSchema,
  help: z.string(),
  unit: z.string(),
  series: z.number().int().nonnegative(),
});
export type FamilySummary = z.infer<typeof FamilySummarySchema>;

export const ScrapeResultSchema = z.object({
  /** Where it was scraped, e.g. `http://10.0.0.5:9100/metrics` or `… (through SSH)`. */
  url: z.string(),
  format: ExpositionFormatSchema,
  contentType: z.string(),
  /** Bytes of the body after decompression. */
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  scrapedAt: z.number(),
  /** Every sample line, as Prometheus counts scrape_samples_scraped. */
  seriesCount: z.number().int().nonnegative(),
  /** Every family, without samples. */
  summaries: z.array(FamilySummarySchema),
  /** The families asked for with their samples (all of them when none were named). */
  families: z.array(MetricFamilySchema),
});
export type ScrapeResult = z.infer<typeof ScrapeResultSchema>;

export const WatchInputSchema = z
  .object({
    target: ScrapeTargetSchema,
    intervalMs: z.number().int().min(1000).max(60_000).default(1000),
    /** The families whose samples each tick carries (a histogram's buckets, a counter's series). */
    families: z.array(z.string().min(1).max(300)).min(1).max(50),
    /** A watch ends by itself after this long, so a forgotten one cannot run forever. */
    maxDurationMs: z
      .number()
      .int()
      .min(1000)
      .max(24 * 3_600_000)
      .default(3_600_000),
  })
  .strict();
export type WatchInput = z.input<typeof WatchInputSchema>;

export const watchPhases = ['connect', 'watch'] as const;
export const metricsTickTopic = 'metrics.tick';

export const WatchTickSchema = z.object({
  /** When the scrape started, ms since the epoch. */
  at: z.number(),
  durationMs: z.number().nonnegative(),
  /** The watched families (samples capped per tick); empty when the scrape failed. */
  families: z.array(MetricFamilySchema),
  /** A failed scrape does not end the watch: the chart shows a gap and this says why. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type WatchTick = z.infer<typeof WatchTickSchema>;

export const WatchResultSchema = z.object({
  ticks: z.number().int().nonnegative(),
  failed: z.number().int(),
});

/**
 * Drop series at scrape time: every series of `metric` (a name or an RE2 regex of names)
 * whose labels match all of `labels` (label → RE2 regex of its value, anchored).
 */
export const DropRuleSchema = z
  .object({
    metric: z.string().min(1).max(300),
    labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string().max(300)).default({}),
    /** Why it was dropped, shown beside the rule. */
    note: z.string().max(300).optional(),
  })
  .strict();
export type DropRule = z.infer<typeof DropRuleSchema>;
export type DropRuleInput = z.input<typeof DropRuleSchema>;

export const DeploymentRefSchema = z
  .object({ hostId: z.string().min(1).max(100), exporter: ExporterIdSchema })
  .strict();

export const DropPreviewInputSchema = z
  .object({ target: ScrapeTargetSchema, rules: z.array(DropRuleSchema).max(100) })
  .strict();

export const DropPreviewSchema = z.object({
  /** The scrape job's metric_relabel_configs the rules become, as YAML. */
  relabelYaml: z.string(),
  seriesBefore: z.number().int(),
  seriesDropped: z.number().int(),
  /** Up to 200 of the series that would go, as name{labels}. */
  dropped: z.array(z.string()),
  /** Per rule, how many series it matches. */
  perRule: z.array(z.number().int()),
});
export type DropPreview = z.infer<typeof DropPreviewSchema>;

export const SavedDropsSchema = z.object({
  hostId: z.string(),
  exporter: ExporterIdSchema,
  rules: z.array(DropRuleSchema),
});
export type SavedDrops = z.infer<typeof SavedDropsSchema>;
