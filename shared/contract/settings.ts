// User settings: persisted, validated, with a default for every field so an old
// file missing a newer field still loads. Each field's rule is written once and used
// both for the saved settings and for a partial update.
import { z } from 'zod';

export const ThemeSchema = z.enum(['system', 'light', 'dark']);

const scanFields = {
  timeoutMs: z.number().int().min(100).max(10_000),
  retries: z.number().int().min(0).max(5),
  packetsPerSecond: z.number().int().min(1).max(10_000),
};

const registryMirror = z
  .string()
  .max(253)
  .regex(
    /^$|^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._/-]+)?$/i,
    'must be a registry host such as registry.lan:5000',
  );

/** Bounds on one scrape, so a runaway exporter cannot exhaust this machine's memory. */
const metricsFields = {
  maxScrapeBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024),
  maxSeries: z.number().int().min(1000).max(10_000_000),
};

const scrapeInterval = z.enum(['15s', '30s', '60s']);

/**
 * Pinned exporter versions, by catalog id (node_exporter: 1.5.0): the image tag and the
 * binary release follow; `busybox` pins the tag of the small image the Docker deploy uses to
 * write host files. Replaced as a whole by an update.
 */
const exporterVersions = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'a catalog id such as node_exporter'),
    z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]{1,40})?$/, 'a version such as 1.8.2'),
  )
  .refine((versions) => Object.keys(versions).length <= 50, 'at most 50 pinned versions');

export const SettingsSchema = z.object({
  theme: ThemeSchema.default('system'),
  scan: z
    .object({
      timeoutMs: scanFields.timeoutMs.default(1000),
      retries: scanFields.retries.default(1),
      packetsPerSecond: scanFields.packetsPerSecond.default(200),
    })
    .prefault({}),
  registryMirror: registryMirror.default(''),
  defaultScrapeInterval: scrapeInterval.default('30s'),
  exporterVersions: exporterVersions.default({}),
  metrics: z
    .object({
      maxScrapeBytes: metricsFields.maxScrapeBytes.default(64 * 1024 * 1024),
      maxSeries: metricsFields.maxSeries.default(500_000),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update: some of the fields, each validated as in Settings. */
export const SettingsPatchSchema = z
  .object({
    theme: ThemeSchema,
    scan: z.object(scanFields).partial(),
    registryMirror,
    defaultScrapeInterval: scrapeInterval,
    exporterVersions,
    metrics: z.object(metricsFields).partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
