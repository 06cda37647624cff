// Runs slow work as jobs: ordered, throttled progress events, a bounded log, cancel
// through an AbortController every step is handed, and exactly one terminal event.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  errorText,
  PromsteadError,
  type ApiError,
  type JobDataOf,
  type JobEvent,
  type JobLogEntry,
  type JobName,
  type JobPhase,
  type JobPhaseOf,
  type JobTopic,
  type JobTopicOf,
  type JobSummary,
  type TerminalJobEvent,
} from '@shared/contract';

/** What every running job is handed, whatever it reports: its id, its cancel, its log. */
export interface JobControl {
  readonly jobId: string;
  readonly signal: AbortSignal;
  log(level: JobLogEntry['level'], message: string): void;
  /** Throws a CANCELLED error when the job was cancelled; call between steps. */
  throwIfCancelled(): void;
}

/**
 * What a running job of operation N is handed. Its phases and data topics are the ones N
 * declares in the contract, so reporting an undeclared one is a compile error. (The
 * members are function-typed properties, not methods, so a context of a job with more
 * phases can be passed where fewer are reported: an uninstall's to an apply's steps.)
 */
/**
 * A job that reports progress in phases P: what a step shared by several jobs asks for
 * (an apply's steps also run inside an uninstall, whose phases include an apply's).
 */
export interface PhasedJob<P extends string> extends JobControl {
  /** Reports progress; throttled, but a phase change and the last report always go out. */
  readonly progress: (phase: P, current: number, total: number, message?: string) => void;
}

export interface JobContext<N extends JobName> extends PhasedJob<JobPhaseOf<N>> {
  /** Streams a partial result (a host found by a scan) to every transport, in order. */
  readonly emitData: <T extends JobTopicOf<N>>(topic: T, data: JobDataOf<N, T>) => void;
}

export type JobWork<N extends JobName, T> = (context: JobContext<N>) => Promise<T>;
export type JobEventListener = (event: JobEvent) => void;

export interface JobRunnerOptions {
  /** Minimum gap between two progress events of one job. */
  throttleMs?: number;
  /** Log lines kept per job; older ones are dropped and counted. */
  logLimit?: number;
  /** Finished jobs kept for listing. */
  historyLimit?: number;
  now?: () => number;
  /** Turns a secret-bearing text into one safe to show or log. */
  redact?: (text: string) => string;
  /** Called with every finished job's summary (to persist the history). */
  onFinished?: (summary: JobSummary) => void;
}

interface ActiveJob {
  summary: JobSummary;
  controller: AbortController;
  seq: number;
  lastProgressAt: number;
  pendingProgress: Extract<JobEvent, { type: 'progress' }> | undefined;
  flushTimer: NodeJS.Timeout | undefined;
  finished: Promise<TerminalJobEvent>;
}

export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private readonly history: JobSummary[] = [];
  /** The terminal events of the jobs in `history`, for a late `wait`. */
  private readonly terminalEvents = new Map<string, TerminalJobEvent>();
  private readonly listeners = new Set<JobEventListener>();
  private readonly throttleMs: number;
  private readonly logLimit: number;
  private readonly historyLimit: number;
  private readonly now: () => number;
  private readonly redact: (text: string) => string;
  private readonly onFinished: ((summary: JobSummary) => void) | undefined;

  constructor(options: JobRunnerOptions = {}) {
    this.throttleMs = options.throttleMs ?? 100;
    this.logLimit = options.logLimit ?? 500;
    this.historyLimit = options.historyLimit ?? 100;
    this.now = options.now ?? Date.now;
    this.redact = options.redact ?? ((text) => text);
    this.onFinished = options.onFinished;
  }

  onEvent(listener: JobEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts `work` and returns its job id at once; events report the rest. */
  start<N extends JobName, T>(operation: N, work: JobWork<N, T>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    // Every probe of a scan listens for the cancel; dozens at once are expected, not a leak.
    setMaxListeners(0, controller.signal);
    let resolveFinished: (event: TerminalJobEvent) => void = () => undefined;
    const job: ActiveJob = {
      summary: { jobId, operation, state: 'running', startedAt: this.now(), log: [], logDropped: 0 },
      controller,
      seq: 0,
      lastProgressAt: 0,
      pendingProgress: undefined,
      flushTimer: undefined,
      finished: new Promise((resolve) => (resolveFinished = resolve)),
    };
    this.active.set(jobId, job);
    this.emit(job, { type: 'started', operation });
    // Run on the next turn so the caller holds the job id before the first progress event.
    setImmediate(() => void this.run(job, work).then(resolveFinished));
    return jobId;
  }

  cancel(jobId: string): { cancelled: boolean; state: JobSummary['state'] } {
    const job = this.active.get(jobId);
    if (job) {
      job.controller.abort(new PromsteadError('CANCELLED', 'The job was cancelled.'));
      return { cancelled: true, state: 'running' };
    }
    const finished = this.history.find((summary) => summary.jobId === jobId);
    if (finished) return { cancelled: false, state: finished.state };
    throw new PromsteadError(
      'NOT_FOUND',
      `No job with id ${jobId}: it may have finished before this app started.`,
    );
  }

  /** Running jobs first, then finished ones, newest first. */
  list(): JobSummary[] {
    const running = [...this.active.values()].map((job) => structuredClone(job.summary)).reverse();
    return [...running, ...this.history.map((summary) => structuredClone(summary))];
  }

  /** Resolves with the job's terminal event, also for a job that has already ended. */
  async wait(jobId: string): Promise<TerminalJobEvent> {
    const job = this.active.get(jobId);
    if (job) return job.finished;
    const terminal = this.terminalEvents.get(jobId);
    if (!terminal) throw new PromsteadError('NOT_FOUND', `No job with id ${jobId}.`);
    return terminal;
  }

  /** Cancels every running job and waits for each to end. */
  async shutdown(): Promise<void> {
    const running = [...this.active.values()];
    for (const job of running) job.controller.abort(new PromsteadError('CANCELLED', 'The app is closing.'));
    await Promise.all(running.map((job) => job.finished));
  }

  private async run<N extends JobName, T>(job: ActiveJob, work: JobWork<N, T>): Promise<TerminalJobEvent> {
    const context = this.contextFor(job);
    let terminal: DistributiveOmit<TerminalJobEvent, 'jobId' | 'seq' | 'at'>;
    try {
      context.throwIfCancelled();
      const result = await work(context);
      context.throwIfCancelled();
      terminal = { type: 'done', result };
    } catch (error) {
      terminal = job.controller.signal.aborted
        ? { type: 'cancelled', message: cancelMessage(error, job.controller.signal) }
        : { type: 'failed', error: this.toApiError(error) };
    } finally {
      this.flushProgress(job);
      this.active.delete(job.summary.jobId);
    }
    const summary = job.summary;
    summary.state = terminal.type;
    summary.endedAt = this.now();
    if (terminal.type === 'failed') summary.error = terminal.error;
    if (terminal.type === 'cancelled') summary.message = terminal.message;
    if (terminal.type === 'done') Object.assign(summary, { message: 'Completed.', result: terminal.result });
    const event = this.emit(job, terminal) as TerminalJobEvent;
    this.history.unshift(summary);
    this.terminalEvents.set(summary.jobId, event);
    for (const dropped of this.history.splice(this.historyLimit)) this.terminalEvents.delete(dropped.jobId);
    this.onFinished?.(structuredClone(summary));
    return event;
  }

  private contextFor<N extends JobName>(job: ActiveJob): JobContext<N> {
    return {
      jobId: job.summary.jobId,
      signal: job.controller.signal,
      progress: (phase, current, total, message = '') => this.progress(job, phase, current, total, message),
      log: (level, message) => this.log(job, level, message),
      emitData: (topic, data) => {
        if (!this.active.has(job.summary.jobId)) return;
        this.flushProgress(job);
        // A topic of job N is one of all jobs' topics (contract.ts proves the unions equal);
        // TypeScript cannot see that through the generic N.
        this.emit(job, { type: 'data', topic: topic as JobTopic, data });
      },
      throwIfCancelled: () => {
        if (job.controller.signal.aborted)
          throw new PromsteadError('CANCELLED', abortReason(job.controller.signal));
      },
    };
  }

  private progress(job: ActiveJob, phase: JobPhase, current: number, total: number, message: string): void {
    if (!this.active.has(job.summary.jobId)) return;
    const safeMessage = this.redact(message);
    const phaseChanged = job.summary.phase !== phase;
    Object.assign(job.summary, { phase, current, total, message: safeMessage });
    const event = { type: 'progress', phase, current, total, message: safeMessage } as const;
    const sinceLast = this.now() - job.lastProgressAt;
    if (phaseChanged || sinceLast >= this.throttleMs) {
      // The held-back report of the previous phase goes first, so every phase's last state is seen.
      if (phaseChanged) this.flushProgress(job);
      else this.dropPendingProgress(job);
      job.lastProgressAt = this.now();
      this.emit(job, event);
      return;
    }
    job.pendingProgress = { ...event, jobId: job.summary.jobId, seq: -1, at: this.now() };
    job.flushTimer ??= setTimeout(() => this.flushProgress(job), this.throttleMs - sinceLast);
  }

  private dropPendingProgress(job: ActiveJob): void {
    if (job.flushTimer) clearTimeout(job.flushTimer);
    job.flushTimer = undefined;
    job.pendingProgress = undefined;
  }

  /** Sends the progress event held back by the throttle, if any. */
  private flushProgress(job: ActiveJob): void {
    const pending = job.pendingProgress;
    this.dropPendingProgress(job);
    if (!pending) return;
    job.lastProgressAt = this.now();
    this.emit(job, {
      type: 'progress',
      phase: pending.phase,
      current: pending.current,
      total: pending.total,
      message: pending.message,
    });
  }

  private log(job: ActiveJob, level: JobLogEntry['level'], message: string): void {
    if (!this.active.has(job.summary.jobId)) return;
    const entry = { at: this.now(), level, message: this.redact(message) };
    job.summary.log.push(entry);
    if (job.summary.log.length > this.logLimit) {
      job.summary.log.shift();
      job.summary.logDropped += 1;
    }
    this.flushProgress(job);
    this.emit(job, { type: 'log', level, message: entry.message });
  }

  private emit(job: ActiveJob, body: DistributiveOmit<JobEvent, 'jobId' | 'seq' | 'at'>): JobEvent {
    const event = { ...body, jobId: job.summary.jobId, seq: job.seq++, at: this.now() } as JobEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window, a dropped socket) must not stop the job.
      }
    }
    return event;
  }

  private toApiError(error: unknown): ApiError {
    if (error instanceof PromsteadError) {
      const apiError = error.toApiError();
      return { ...apiError, message: this.redact(apiError.message) };
    }
    const message = errorText(error);
    return { code: 'INTERNAL', message: this.redact(message) };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'The job was cancelled.';
}

/**
 * The work's own CANCELLED message when it has one (an apply says what it rolled back),
 * else why the job was aborted.
 */
function cancelMessage(error: unknown, signal: AbortSignal): string {
  const reason = abortReason(signal);
  if (error instanceof PromsteadError && error.code === 'CANCELLED' && error.message !== reason)
    return error.message;
  return reason;
}
