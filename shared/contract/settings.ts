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

const scrapeInterval = z.enum(['15s', '30s', '60s']);

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
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update: some of the fields, each validated as in Settings. */
export const SettingsPatchSchema = z
  .object({
    theme: ThemeSchema,
    scan: z.object(scanFields).partial(),
    registryMirror,
    defaultScrapeInterval: scrapeInterval,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
