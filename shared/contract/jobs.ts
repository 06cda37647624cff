// Job events and summaries: what every transport streams and lists for a job.
import { z } from 'zod';
import { selfTestPhases } from './app';
import { uninstallPhases } from './deploy';
import { discoveryHostTopic, scanPhases } from './discovery';
import { metricsTickTopic, watchPhases } from './metrics';
import { ApiErrorSchema } from './errors';
import { preflightPhases } from './preflight';

/**
 * Every phase any job declares (contract.ts checks this is exactly the union of the
 * jobs' own). On the wire an event is one of these; which ones a given job reports,
 * readJobEvent checks against that job's declaration.
 */
export const JobPhaseSchema = z.enum([
  ...selfTestPhases,
  ...scanPhases,
  ...preflightPhases,
  ...uninstallPhases,
  ...watchPhases,
]);
export type JobPhase = z.infer<typeof JobPhaseSchema>;

/** Every data topic any job declares; its payload's schema is the declaring job's. */
export const JobTopicSchema = z.enum([discoveryHostTopic, metricsTickTopic]);
export type JobTopic = z.infer<typeof JobTopicSchema>;

export const JobStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

const base = { jobId: z.string(), seq: z.number().int().nonnegative(), at: z.number() };

export const JobEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('started'),
    operation: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('progress'),
    phase: JobPhaseSchema,
    current: z.number(),
    total: z.number(),
    message: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('data'),
    /** What the payload is, e.g. `discovery.host`: a host found by a running scan. */
    topic: JobTopicSchema,
    /** Checked against the topic's schema by readJobEvent, which gives it its type. */
    data: z.unknown(),
  }),
  /** The result is checked against the job's output schema by readJobEvent, which types it. */
  z.object({ ...base, type: z.literal('done'), result: z.unknown() }),
  z.object({ ...base, type: z.literal('failed'), error: ApiErrorSchema }),
  z.object({ ...base, type: z.literal('cancelled'), message: z.string() }),
]);
export type JobEvent = z.infer<typeof JobEventSchema>;
export type TerminalJobEvent = Extract<JobEvent, { type: 'done' | 'failed' | 'cancelled' }>;

export function isTerminalEvent(event: JobEvent): event is TerminalJobEvent {
  return event.type === 'done' || event.type === 'failed' || event.type === 'cancelled';
}

export const JobLogEntrySchema = z.object({
  at: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type JobLogEntry = z.infer<typeof JobLogEntrySchema>;

export const JobSummarySchema = z.object({
  jobId: z.string(),
  operation: z.string(),
  state: JobStateSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  phase: JobPhaseSchema.optional(),
  current: z.number().optional(),
  total: z.number().optional(),
  message: z.string().optional(),
  error: ApiErrorSchema.optional(),
  /** A finished job's result, while this process holds it (not kept in the saved history). */
  result: z.unknown().optional(),
  log: z.array(JobLogEntrySchema),
  /** How many log lines were dropped because the log is bounded. */
  logDropped: z.number().int().nonnegative(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobStartedSchema = z.object({ jobId: z.string() });
export type JobStarted = z.infer<typeof JobStartedSchema>;
