// The CLI's side of the contract: calls that throw a PromsteadError on failure, and
// jobs followed to their end with a live progress line; Ctrl-C cancels the job.
import {
  PromsteadError,
  readJobEvent,
  type CallName,
  type InputOf,
  type JobName,
  type OutputOf,
} from '@shared/contract';
import type { Engine } from '../services/engine';
import { ProgressLine, type Output } from './output';

export async function callOperation<N extends CallName>(
  engine: Engine,
  name: N,
  input: InputOf<N>,
): Promise<OutputOf<N>> {
  const result = await engine.invoke(name, input, 'cli');
  if (!result.ok) throw PromsteadError.from(result.error);
  return result.data as OutputOf<N>;
}

export async function runJobOperation<N extends JobName>(
  engine: Engine,
  name: N,
  input: InputOf<N>,
  out: Output,
): Promise<OutputOf<N>> {
  const progress = new ProgressLine(out);
  let jobId: string | undefined;
  const unsubscribe = engine.onJobEvent((raw) => {
    if (raw.jobId !== jobId) return;
    const reading = readJobEvent(name, raw);
    if (!reading.ok) {
      progress.clear();
      out.stderr.write(`warning: ${reading.problem}\n`);
      return;
    }
    const event = reading.event;
    if (event.type === 'progress') progress.update(event.phase, event.current, event.total, event.message);
    if (event.type === 'log' && event.level !== 'info' && !out.json) {
      progress.clear();
      out.stderr.write(`${event.level}: ${event.message}\n`);
    }
  });
  const onInterrupt = (): void => {
    // The job may have ended between the key press and here: nothing left to cancel.
    if (jobId) void engine.invoke('jobs.cancel', { jobId }, 'cli');
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    const started = await engine.invoke(name, input, 'cli');
    if (!started.ok) throw PromsteadError.from(started.error);
    jobId = (started.data as { jobId: string }).jobId;
    const reading = readJobEvent(name, await engine.waitForJob(jobId));
    progress.clear();
    if (!reading.ok) throw new PromsteadError('INTERNAL', reading.problem);
    const terminal = reading.event;
    if (terminal.type === 'done') return terminal.result;
    if (terminal.type === 'failed') throw PromsteadError.from(terminal.error);
    if (terminal.type === 'cancelled') throw new PromsteadError('CANCELLED', terminal.message);
    throw new PromsteadError('INTERNAL', `${name} ended with a ${terminal.type} event.`);
  } finally {
    progress.clear();
    unsubscribe();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
