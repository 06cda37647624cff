// Job events and summaries: what every transport streams and lists for a job.
import { z } from 'zod';
import { ApiErrorSchema } from './errors';

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
    phase: z.string(),
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
    topic: z.string(),
    data: z.unknown(),
  }),
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
  phase: z.string().optional(),
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
