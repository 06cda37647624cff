// One job's events typed by its declaration in the contract: its phases, its data
// topics with their payloads, and its result. Every transport carries the generic
// JobEvent; whoever follows a job of a known operation reads each event through
// readJobEvent once, at its boundary, and gets this type (or a problem to report).
import type { z } from 'zod';
import {
  contract,
  type JobDataOf,
  type JobName,
  type JobPhaseOf,
  type JobTopicOf,
  type OutputOf,
} from './contract';
import { describeZodError } from './errors';
import type { JobEvent } from './jobs';

type EventOfType<K extends JobEvent['type']> = Extract<JobEvent, { type: K }>;
type Envelope<K extends JobEvent['type'], Omitted extends string> = Omit<EventOfType<K>, Omitted>;

export type JobProgressEventOf<N extends JobName> = Envelope<'progress', 'phase'> & { phase: JobPhaseOf<N> };

export type JobDataEventOf<N extends JobName> = {
  [T in JobTopicOf<N>]: Envelope<'data', 'topic' | 'data'> & { topic: T; data: JobDataOf<N, T> };
}[JobTopicOf<N>];

export type JobDoneEventOf<N extends JobName> = Envelope<'done', 'result'> & { result: OutputOf<N> };

export type JobEventOf<N extends JobName> =
  | EventOfType<'started' | 'log' | 'failed' | 'cancelled'>
  | JobProgressEventOf<N>
  | JobDataEventOf<N>
  | JobDoneEventOf<N>;

export type JobEventReading<N extends JobName> =
  { ok: true; event: JobEventOf<N> } | { ok: false; problem: string };

/** Checks an event of a job of `name` against that job's declaration. */
export function readJobEvent<N extends JobName>(name: N, event: JobEvent): JobEventReading<N> {
  const spec = contract[name];
  const refuse = (problem: string): JobEventReading<N> => ({
    ok: false,
    problem: `${name} job ${event.jobId}, event ${event.seq}: ${problem}`,
  });
  switch (event.type) {
    case 'progress': {
      const phases: readonly string[] = spec.phases;
      if (!phases.includes(event.phase))
        return refuse(`phase "${event.phase}" is not one of ${phases.join(', ')}`);
      return { ok: true, event: event as JobProgressEventOf<N> };
    }
    case 'data': {
      const topics: Record<string, z.ZodType> = spec.topics;
      const schema = Object.hasOwn(topics, event.topic) ? topics[event.topic] : undefined;
      if (!schema) return refuse(`topic "${event.topic}" is not declared`);
      const parsed = schema.safeParse(event.data);
      if (!parsed.success)
        return refuse(`data of "${event.topic}" does not match: ${describeZodError(parsed.error)}`);
      return { ok: true, event: { ...event, data: parsed.data } as JobDataEventOf<N> };
    }
    case 'done': {
      const parsed = spec.output.safeParse(event.result);
      if (!parsed.success) return refuse(`result does not match: ${describeZodError(parsed.error)}`);
      return { ok: true, event: { ...event, result: parsed.data } as JobDoneEventOf<N> };
    }
    default:
      return { ok: true, event };
  }
}

/** A finished job's result (from a `done` event or a jobs.list summary), checked and typed. */
export function readJobResult<N extends JobName>(name: N, result: unknown): OutputOf<N> | undefined {
  const parsed = contract[name].output.safeParse(result);
  return parsed.success ? (parsed.data as OutputOf<N>) : undefined;
}

/** Whether a phase (a jobs.list summary's, say) is one that job `name` declares. */
export function isPhaseOf<N extends JobName>(name: N, phase: string | undefined): phase is JobPhaseOf<N> {
  const phases: readonly string[] = contract[name].phases;
  return phase !== undefined && phases.includes(phase);
}
