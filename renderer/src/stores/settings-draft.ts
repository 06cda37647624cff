// The settings form's editable copy: numbers kept as typed text so a half-typed value is
// not lost, turned into a patch on save; the server does the validating.
import type { Settings, SettingsPatch } from '@shared/contract';

export interface SettingsDraft {
  theme: Settings['theme'];
  timeoutMs: string;
  retries: string;
  packetsPerSecond: string;
  registryMirror: string;
  defaultScrapeInterval: Settings['defaultScrapeInterval'];
  /** The scrape size limit in MiB, as people think of it; sent in bytes. */
  maxScrapeMiB: string;
  maxSeries: string;
}

export type SettingsField = keyof SettingsDraft;

const mebibyte = 1024 * 1024;
export type FieldErrors = Partial<Record<SettingsField, string>>;

export function toDraft(settings: Settings): SettingsDraft {
  return {
    theme: settings.theme,
    timeoutMs: String(settings.scan.timeoutMs),
    retries: String(settings.scan.retries),
    packetsPerSecond: String(settings.scan.packetsPerSecond),
    registryMirror: settings.registryMirror,
    defaultScrapeInterval: settings.defaultScrapeInterval,
    maxScrapeMiB: String(settings.metrics.maxScrapeBytes / mebibyte),
    maxSeries: String(settings.metrics.maxSeries),
  };
}

export function draftToPatch(draft: SettingsDraft): SettingsPatch {
  return {
    theme: draft.theme,
    scan: {
      timeoutMs: toNumber(draft.timeoutMs),
      retries: toNumber(draft.retries),
      packetsPerSecond: toNumber(draft.packetsPerSecond),
    },
    registryMirror: draft.registryMirror.trim(),
    defaultScrapeInterval: draft.defaultScrapeInterval,
    metrics: {
      maxScrapeBytes: Math.round(toNumber(draft.maxScrapeMiB) * mebibyte),
      maxSeries: toNumber(draft.maxSeries),
    },
  };
}

/** What the settings will be if the server accepts the patch (for the optimistic state). */
export function applyPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...patch,
    scan: { ...settings.scan, ...patch.scan },
    metrics: { ...settings.metrics, ...patch.metrics },
  };
}

const fieldPaths = {
  theme: 'theme',
  'scan.timeoutMs': 'timeoutMs',
  'scan.retries': 'retries',
  'scan.packetsPerSecond': 'packetsPerSecond',
  registryMirror: 'registryMirror',
  defaultScrapeInterval: 'defaultScrapeInterval',
  'metrics.maxScrapeBytes': 'maxScrapeMiB',
  'metrics.maxSeries': 'maxSeries',
} as const satisfies Record<string, SettingsField>;

/**
 * Finds per-field problems in a validation message, which names each field by its path:
 * "scan.timeoutMs: Too small: expected number to be >=100; registryMirror: must be …".
 */
export function fieldErrorsFrom(message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of message.split('; ')) {
    for (const [path, field] of Object.entries(fieldPaths)) {
      const at = part.indexOf(`${path}: `);
      if (at < 0 || (at > 0 && !/\s/.test(part.charAt(at - 1)))) continue;
      errors[field] ??= part.slice(at + path.length + 2);
    }
  }
  return errors;
}

function toNumber(text: string): number {
  // An empty box becomes NaN, which JSON sends as null and the server rejects by name.
  return text.trim() === '' ? Number.NaN : Number(text);
}
