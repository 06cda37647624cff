// Deploying exporters to a host: the plan (actions with before and after, computed from
// the host's actual state), the apply job's result with what was verified or restored,
// and the record of what Promstead created there, which uninstall works from.
import { z } from 'zod';
import { ExporterIdSchema } from './discovery';

export const DeployMethodSchema = z.enum(['docker', 'systemd']);
export type DeployMethod = z.infer<typeof DeployMethodSchema>;

export const ExporterRequestSchema = z
  .object({
    exporter: ExporterIdSchema,
    /** Catalog parameters; defaults fill the rest. */
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type ExporterRequest = z.input<typeof ExporterRequestSchema>;

export const DeployInputSchema = z
  .object({
    hostId: z.string().min(1).max(100),
    exporters: z.array(ExporterRequestSchema).min(1).max(20),
    /** Docker where the host has it, else systemd; or forced. */
    method: z.enum(['auto', 'docker', 'systemd']).default('auto'),
  })
  .strict();
export type DeployInput = z.input<typeof DeployInputSchema>;

export const planActionKinds = [
  'pull-image',
  'create-container',
  'replace-container',
  /** New config files taken by the running exporter (POST /-/reload): same container, no restart. */
  'reload-exporter',
  'remove-container',
  'create-directory',
  'write-file',
  'remove-file',
  'create-user',
  'install-binary',
  'install-unit',
  'remove-unit',
  'update-prometheus',
] as const;
export const PlanActionKindSchema = z.enum(planActionKinds);

export const PlanActionSchema = z.object({
  kind: PlanActionKindSchema,
  exporter: ExporterIdSchema,
  /** What it acts on: an image reference, a container name, a path, a unit. */
  target: z.string(),
  summary: z.string(),
  /** A readable before/after (secrets shown as references, never values). */
  before: z.string().optional(),
  after: z.string().optional(),
  /** A unified diff for files and container settings. */
  diff: z.string().optional(),
});
export type PlanAction = z.infer<typeof PlanActionSchema>;

export const DeployPlanSchema = z.object({
  hostId: z.string(),
  method: DeployMethodSchema,
  /** Empty when the host already is as asked: "no changes". */
  actions: z.array(PlanActionSchema),
  /** Notes a person should read (a port that will be published, a firewall rule to open). */
  notes: z.array(z.string()),
});
export type DeployPlan = z.infer<typeof DeployPlanSchema>;

export const VerificationSchema = z.object({
  exporter: ExporterIdSchema,
  ok: z.boolean(),
  /** Where it was scraped, e.g. `http://10.0.0.5:9100/metrics` or `… (through SSH)`. */
  url: z.string(),
  missingMetrics: z.array(z.string()),
  /** A few live values to show: name{labels} value. */
  samples: z.array(z.object({ series: z.string(), value: z.string() })),
  message: z.string().optional(),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const ApplyResultSchema = z.object({
  plan: DeployPlanSchema,
  applied: z.number().int(),
  verifications: z.array(VerificationSchema),
});
export type ApplyResult = z.infer<typeof ApplyResultSchema>;

/**
 * Prometheus's params a deploy fills in (its config rendered from every deployment) and
 * records with the rest: a redeploy leaves them out so the config is rendered afresh, with
 * the current deployments and drop rules, while a user's own config (given by hand) wins.
 */
export const prometheusGeneratedParams = ['configContent', 'rulesContent'] as const;

export function withoutGeneratedConfig(params: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...params };
  for (const key of prometheusGeneratedParams) delete rest[key];
  return rest;
}

export const DeploymentRecordSchema = z.object({
  hostId: z.string(),
  exporter: ExporterIdSchema,
  method: DeployMethodSchema,
  params: z.record(z.string(), z.unknown()),
  version: z.string(),
  /** Everything Promstead created, so uninstall removes exactly that. */
  created: z.object({
    containers: z.array(z.string()),
    images: z.array(z.string()),
    files: z.array(z.string()),
    directories: z.array(z.string()),
    units: z.array(z.string()),
    users: z.array(z.string()),
  }),
  /** host:port Prometheus scrapes. */
  scrapeAddress: z.string(),
  deployedAt: z.number(),
});
export type DeploymentRecord = z.infer<typeof DeploymentRecordSchema>;

export const UninstallInputSchema = z
  .object({
    hostId: z.string().min(1).max(100),
    /** Empty: everything Promstead deployed on the host. */
    exporters: z.array(ExporterIdSchema).max(20).default([]),
  })
  .strict();

export const UninstallResultSchema = z.object({
  hostId: z.string(),
  /** What was removed, one line each. */
  removed: z.array(z.string()),
  /** What was left on purpose, with why. */
  kept: z.array(z.string()),
});
export type UninstallResultOutput = z.infer<typeof UninstallResultSchema>;

/**
 * The phases of deploy.apply in the order a run goes through them; `prometheus` when
 * Promstead's Prometheus is updated or asked whether every target is up.
 */
export const applyPhases = ['plan', 'pull', 'apply', 'verify', 'rollback', 'prometheus'] as const;
export type ApplyPhase = (typeof applyPhases)[number];

/** deploy.uninstall's phases: its own, then an apply's when Promstead's Prometheus is re-rendered. */
export const uninstallPhases = ['uninstall', ...applyPhases] as const;
