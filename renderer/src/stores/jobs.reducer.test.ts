import type { JobEvent, JobSummary } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { applyJobEvent, applyJobSnapshot, jobLogLimit, type JobsById } from './jobs.reducer';
import { countRunning, sortJobs } from './jobs.selectors';

const id = 'job-1';
const started: JobEvent = { type: 'started', jobId: id, seq: 0, at: 100, operation: 'diagnostics.selfTest' };
const progress = (seq: number, current: number): JobEvent => ({
  type: 'progress',
  jobId: id,
  seq,
  at: 100 + seq,
  phase: 'checking',
  current,
  total: 5,
  message: `check ${current}`,
});
const log = (seq: number, message: string, at = 100 + seq): JobEvent => ({
  type: 'log',
  jobId: id,
  seq,
  at,
  level: 'info',
  message,
});

function fold(events: JobEvent[], from: JobsById = {}): JobsById {
  return events.reduce(applyJobEvent, from);
}

describe('jobs reducer: events', () => {
  it('builds a job from its events', () => {
    const jobs = fold([started, progress(1, 1), log(2, 'ICMP: ok'), progress(3, 2)]);
    expect(jobs[id]).toMatchObject({
      operation: 'diagnostics.selfTest',
      state: 'running',
      startedAt: 100,
      phase: 'checking',
      current: 2,
      total: 5,
      message: 'check 2',
      lastSeq: 3,
    });
    expect(jobs[id]?.log.map((entry) => entry.message)).toEqual(['ICMP: ok']);
  });

  it('ignores an event whose seq is not newer (stale or duplicate)', () => {
    const jobs = fold([started, progress(1, 1), progress(3, 3)]);
    const again = fold([progress(2, 2), progress(3, 3), log(1, 'late line')], jobs);
    expect(again).toBe(jobs);
    expect(again[id]?.current).toBe(3);
    expect(again[id]?.log).toEqual([]);
  });

  it('accepts a gap in seq (events missed while a socket was down)', () => {
    const jobs = fold([started, progress(1, 1), progress(9, 4)]);
    expect(jobs[id]?.current).toBe(4);
  });

  it('creates the job when the first event seen is not started', () => {
    const jobs = fold([progress(4, 2)]);
    expect(jobs[id]).toMatchObject({ operation: '', state: 'running', current: 2, lastSeq: 4 });
  });

  it('treats a terminal event as final', () => {
    const failed: JobEvent = {
      type: 'failed',
      jobId: id,
      seq: 2,
      at: 200,
      error: { code: 'INTERNAL', message: 'boom' },
    };
    const done: JobEvent = { type: 'done', jobId: id, seq: 3, at: 300, result: { ok: true } };
    const jobs = fold([started, progress(1, 1), failed, done, progress(4, 5), log(5, 'after the end')]);
    expect(jobs[id]).toMatchObject({
      state: 'failed',
      endedAt: 200,
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(jobs[id]?.result).toBeUndefined();
    expect(jobs[id]?.current).toBe(1);
    expect(jobs[id]?.log).toEqual([]);
  });

  it('records the result of done and the message of cancelled', () => {
    const done = fold([
      started,
      { type: 'done', jobId: id, seq: 1, at: 150, result: { checks: [], ok: true } },
    ]);
    expect(done[id]).toMatchObject({ state: 'done', endedAt: 150, result: { checks: [], ok: true } });
    const cancelled = fold([
      started,
      { type: 'cancelled', jobId: id, seq: 1, at: 160, message: 'The job was cancelled.' },
    ]);
    expect(cancelled[id]).toMatchObject({ state: 'cancelled', message: 'The job was cancelled.' });
  });

  it('keeps only the last lines of a long log and counts the rest', () => {
    const lines = Array.from({ length: jobLogLimit + 20 }, (_, index) => log(index + 1, `line ${index}`));
    const jobs = fold([started, ...lines]);
    expect(jobs[id]?.log).toHaveLength(jobLogLimit);
    expect(jobs[id]?.log[0]?.message).toBe('line 20');
    expect(jobs[id]?.logDropped).toBe(20);
  });
});

describe('jobs reducer: snapshots from jobs.list', () => {
  const summary = (over: Partial<JobSummary> = {}): JobSummary => ({
    jobId: id,
    operation: 'diagnostics.selfTest',
    state: 'running',
    startedAt: 100,
    phase: 'checking',
    current: 2,
    total: 5,
    message: 'check 2',
    log: [{ at: 102, level: 'info', message: 'ICMP: ok' }],
    logDropped: 0,
    ...over,
  });

  it('adds jobs it did not know', () => {
    const jobs = applyJobSnapshot({}, [summary()]);
    expect(jobs[id]).toMatchObject({ state: 'running', current: 2, lastSeq: -1 });
  });

  it('never revives a job the store has seen end', () => {
    const ended = fold([started, { type: 'cancelled', jobId: id, seq: 1, at: 150, message: 'stopped' }]);
    expect(applyJobSnapshot(ended, [summary()])).toBe(ended);
  });

  it('takes a terminal state from the snapshot for a job the store thought running', () => {
    const running = fold([started, progress(1, 1)]);
    const error = { code: 'INTERNAL' as const, message: 'boom' };
    const jobs = applyJobSnapshot(running, [summary({ state: 'failed', endedAt: 300, error })]);
    expect(jobs[id]).toMatchObject({ state: 'failed', endedAt: 300, error, lastSeq: 1 });
    expect(applyJobEvent(jobs, progress(7, 5))).toBe(jobs);
  });

  it('does not repeat a log line the snapshot already holds when its event arrives late', () => {
    const jobs = applyJobSnapshot({}, [summary()]);
    const after = fold([log(2, 'ICMP: ok', 102), log(3, 'ping: ok', 103)], jobs);
    expect(after[id]?.log.map((entry) => entry.message)).toEqual(['ICMP: ok', 'ping: ok']);
  });

  it('closes a job the restarted server no longer knows, but not one that started after the list was asked for', () => {
    const running = fold([started, progress(1, 1)]);
    const lost = applyJobSnapshot(running, [], 500);
    expect(lost[id]).toMatchObject({ state: 'cancelled', message: expect.stringContaining('restarted') });
    expect(applyJobSnapshot(running, [], 50)[id]?.state).toBe('running');
    expect(applyJobSnapshot(running, [summary()], 500)[id]?.state).toBe('running');
  });

  it('keeps log lines that arrived by event after the snapshot was taken', () => {
    const running = fold([started, log(1, 'ICMP: ok', 102), log(2, 'ping: ok', 103)]);
    const jobs = applyJobSnapshot(running, [summary()]);
    expect(jobs[id]?.log.map((entry) => entry.message)).toEqual(['ICMP: ok', 'ping: ok']);
  });
});

describe('jobs selectors', () => {
  it('lists running jobs first, newest first, and counts them', () => {
    const jobs = fold([
      { type: 'started', jobId: 'a', seq: 0, at: 1, operation: 'x' },
      { type: 'started', jobId: 'b', seq: 0, at: 2, operation: 'x' },
      { type: 'started', jobId: 'c', seq: 0, at: 3, operation: 'x' },
      { type: 'done', jobId: 'c', seq: 1, at: 4, result: null },
    ]);
    expect(sortJobs(jobs).map((job) => job.jobId)).toEqual(['b', 'a', 'c']);
    expect(countRunning(jobs)).toBe(2);
  });
});
