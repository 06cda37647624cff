// Pure rules for folding job events and jobs.list snapshots into the jobs store:
// events apply in seq order, stale or repeated ones are dropped, a terminal state is final.
import type { ApiError, JobEvent, JobLogEntry, JobState, JobSummary } from '@shared/contract';

export const jobLogLimit = 500;

export interface JobView {
  jobId: string;
  /** Empty until the started event or a snapshot names it. */
  operation: string;
  state: JobState;
  startedAt: number;
  endedAt?: number;
  phase?: string;
  current?: number;
  total?: number;
  message?: string;
  log: JobLogEntry[];
  /** Log lines dropped, here or on the server, because the log is bounded. */
  logDropped: number;
  error?: ApiError;
  /** The done event's result; a snapshot does not carry it. */
  result?: unknown;
  /** Highest seq applied; -1 when only a snapshot has been seen. */
  lastSeq: number;
  /** Time of the last log line a snapshot brought; events up to it may repeat those lines. */
  snapshotLogUntil?: number;
}

export type JobsById = Readonly<Record<string, JobView>>;

export function applyJobEvent(jobs: JobsById, event: JobEvent): JobsById {
  const existing = jobs[event.jobId];
  if (existing && (existing.state !== 'running' || event.seq <= existing.lastSeq)) return jobs;
  const base = existing ?? newJob(event);
  const next = reduce(base, event);
  return next === base ? jobs : { ...jobs, [event.jobId]: next };
}

/**
 * Folds a jobs.list answer in; jobs the store has already seen end keep their final
 * state. A job shown running that the server no longer knows, and that started before
 * the list was asked for, died with a restarted server: it is closed as cancelled.
 */
export function applyJobSnapshot(
  jobs: JobsById,
  summaries: readonly JobSummary[],
  requestedAt?: number,
): JobsById {
  let next: Record<string, JobView> | undefined;
  for (const summary of summaries) {
    const existing = jobs[summary.jobId];
    if (existing && existing.state !== 'running') continue;
    next ??= { ...jobs };
    next[summary.jobId] = fromSummary(summary, existing);
  }
  if (requestedAt !== undefined) {
    const listed = new Set(summaries.map((summary) => summary.jobId));
    for (const job of Object.values(jobs)) {
      if (job.state !== 'running' || listed.has(job.jobId) || job.startedAt >= requestedAt) continue;
      next ??= { ...jobs };
      next[job.jobId] = {
        ...job,
        state: 'cancelled',
        message: 'The server restarted; this job ended with it.',
      };
    }
  }
  return next ?? jobs;
}

function newJob(event: JobEvent): JobView {
  return {
    jobId: event.jobId,
    operation: event.type === 'started' ? event.operation : '',
    state: 'running',
    startedAt: event.at,
    log: [],
    logDropped: 0,
    lastSeq: -1,
  };
}

function reduce(job: JobView, event: JobEvent): JobView {
  const seen = { ...job, lastSeq: event.seq };
  switch (event.type) {
    case 'started':
      return { ...seen, operation: event.operation, startedAt: event.at };
    case 'progress':
      return {
        ...seen,
        phase: event.phase,
        current: event.current,
        total: event.total,
        message: event.message,
      };
    case 'log': {
      const entry = { at: event.at, level: event.level, message: event.message };
      // After a snapshot the same line can arrive again as an event; it must not show twice.
      const mayRepeat = job.snapshotLogUntil !== undefined && entry.at <= job.snapshotLogUntil;
      if (mayRepeat && hasEntry(job.log, entry)) return seen;
      return { ...seen, ...bounded([...job.log, entry], job.logDropped) };
    }
    case 'data':
      // Partial results belong to their domain's store (discovery hosts, say).
      return seen;
    case 'done':
      return { ...seen, state: 'done', endedAt: event.at, result: event.result };
    case 'failed':
      return { ...seen, state: 'failed', endedAt: event.at, error: event.error };
    case 'cancelled':
      return { ...seen, state: 'cancelled', endedAt: event.at, message: event.message };
  }
}

function fromSummary(summary: JobSummary, existing: JobView | undefined): JobView {
  const lastAt = summary.log.at(-1)?.at ?? -Infinity;
  // Lines the store got by event after the snapshot was taken stay.
  const newer = existing ? existing.log.filter((entry) => entry.at > lastAt) : [];
  return {
    jobId: summary.jobId,
    operation: summary.operation,
    state: summary.state,
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    phase: summary.phase,
    current: summary.current,
    total: summary.total,
    message: summary.message,
    error: summary.error,
    ...bounded([...summary.log, ...newer], summary.logDropped),
    lastSeq: existing?.lastSeq ?? -1,
    snapshotLogUntil: summary.log.at(-1)?.at,
  };
}

function bounded(log: JobLogEntry[], dropped: number): { log: JobLogEntry[]; logDropped: number } {
  const excess = Math.max(0, log.length - jobLogLimit);
  return excess === 0
    ? { log, logDropped: dropped }
    : { log: log.slice(excess), logDropped: dropped + excess };
}

function hasEntry(log: readonly JobLogEntry[], entry: JobLogEntry): boolean {
  for (let index = log.length - 1; index >= 0; index -= 1) {
    const candidate = log[index] as JobLogEntry;
    if (candidate.at < entry.at) return false;
    if (candidate.at === entry.at && candidate.level === entry.level && candidate.message === entry.message)
      return true;
  }
  return false;
}
