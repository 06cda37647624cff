// The exporter catalog as the UI and CLI see it: what each exporter monitors, how it
// installs, and every artefact it produces, ready to copy or save.
import { z } from 'zod';

export const InstallStyleSchema = z.enum(['docker', 'compose', 'systemd', 'k8s', 'windows']);
export type InstallStyleName = z.infer<typeof InstallStyleSchema>;

export const CatalogEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  defaultPort: z.number().int(),
  version: z.string(),
  image: z.string(),
  installStyles: z.array(InstallStyleSchema),
  proofMetrics: z.array(z.string()),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const ArtefactSchema = z.object({
  /** Stable id within the exporter, e.g. `systemd-unit`. */
  id: z.string(),
  title: z.string(),
  /** Suggested file name when saved. */
  filename: z.string(),
  language: z.enum(['yaml', 'json', 'ini', 'bash', 'powershell', 'toml', 'text']),
  content: z.string(),
  /** For files a host needs: where it goes and its mode, e.g. 0600 for credentials. */
  path: z.string().optional(),
  mode: z.string().optional(),
});
export type Artefact = z.infer<typeof ArtefactSchema>;

export const ArtefactsInputSchema = z
  .object({
    id: z.string().min(1).max(64),
    style: InstallStyleSchema,
    /** The exporter's parameters; defaults fill the rest, validation as the catalog says. */
    params: z.record(z.string(), z.unknown()).default({}),
    /** Where Prometheus reaches the exporter (for the scrape job). */
    host: z.string().min(1).max(253).default('localhost'),
  })
  .strict();
export type ArtefactsInput = z.input<typeof ArtefactsInputSchema>;
