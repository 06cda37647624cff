// The monitoring spec (which exporter runs where, how often it is scraped, with what
// labels) and the Prometheus files rendered from it: `config.render` builds them from a
// spec or from the saved inventory, `config.check` runs Prometheus's own checker on them.
import { z } from 'zod';
import { ExporterIdSchema } from './discovery';
import { DropRuleSchema } from './metrics';

export const ScrapeTierSchema = z.enum(['critical', 'standard', 'low']);
export type ScrapeTierName = z.infer<typeof ScrapeTierSchema>;

const LabelsSchema = z.record(z.string().max(100), z.string().max(500));

export const MonitoredExporterSchema = z
  .object({
    exporter: ExporterIdSchema,
    /** Where the exporter runs, as Prometheus reaches it: a host name or address. */
    host: z.string().min(1).max(253),
    tier: ScrapeTierSchema.default('standard'),
    /** The exporter's catalog parameters; defaults fill the rest. */
    params: z.record(z.string(), z.unknown()).default({}),
    /** Extra target labels (role, room…); tier and role are added by Promstead. */
    labels: LabelsSchema.optional(),
    /** Series the exporter's scrape job drops (its metric_relabel_configs). */
    drops: z.array(DropRuleSchema).max(100).optional(),
  })
  .strict();
export type MonitoredExporter = z.infer<typeof MonitoredExporterSchema>;

export const MonitoringSpecSchema = z
  .object({
    global: z
      .object({
        scrapeInterval: z.string().max(20).optional(),
        evaluationInterval: z.string().max(20).optional(),
        /** environment, datacenter, cluster… added to every series leaving this Prometheus. */
        externalLabels: LabelsSchema.default({}),
      })
      .strict()
      .prefault({}),
    exporters: z.array(MonitoredExporterSchema).max(2000),
    /** host:port of each Alertmanager. */
    alertmanagers: z.array(z.string().min(1).max(300)).max(20).default([]),
  })
  .strict();
export type MonitoringSpec = z.infer<typeof MonitoringSpecSchema>;
export type MonitoringSpecInput = z.input<typeof MonitoringSpecSchema>;

export const ConfigSourceSchema = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('inventory'),
      /** Also scrape exporters discovery suggested but that do not run yet (after deploying them). */
      includeSuggested: z.boolean().default(false),
      /**
       * The host where blackbox_exporter and snmp_exporter run, for ICMP/HTTP probes and
       * SNMP devices; without it, a probing exporter found by the scan is used.
       */
      probeHost: z.string().min(1).max(253).optional(),
      global: MonitoringSpecSchema.shape.global.optional(),
    })
    .strict(),
  z.object({ source: z.literal('spec'), spec: MonitoringSpecSchema }).strict(),
]);
export type ConfigSource = z.input<typeof ConfigSourceSchema>;

export const RenderedFileSchema = z.object({
  /** Relative to the folder holding prometheus.yml, e.g. `rules/promstead-node.yml`. */
  path: z.string(),
  content: z.string(),
});
export type RenderedFile = z.infer<typeof RenderedFileSchema>;

export const ConfigRenderOutputSchema = z.object({
  /** prometheus.yml first, then the rule files it names. */
  files: z.array(RenderedFileSchema),
  /** The spec the files came from (for an inventory: what was derived), to save and edit. */
  spec: MonitoringSpecSchema,
  /** What a person should know: targets left out and why. */
  notes: z.array(z.string()),
});
export type ConfigRenderOutput = z.infer<typeof ConfigRenderOutputSchema>;

export const ConfigCheckInputSchema = z
  .object({
    /** prometheus.yml and the rule files it names, by their path relative to it. */
    files: z
      .array(z.object({ path: z.string().min(1).max(500), content: z.string().max(10_000_000) }).strict())
      .min(1)
      .max(200),
  })
  .strict();
export type ConfigCheckInput = z.infer<typeof ConfigCheckInputSchema>;

export const ConfigCheckOutputSchema = z.object({
  ok: z.boolean(),
  /** The promtool that checked, e.g. `promtool, version 2.42.0`. */
  checker: z.string(),
  checks: z.array(z.object({ path: z.string(), ok: z.boolean(), output: z.string() })),
});
export type ConfigCheckOutput = z.infer<typeof ConfigCheckOutputSchema>;
