import { describe, expect, it } from 'vitest';
import { PromsteadError, isTerminalEvent, type JobEvent } from '@shared/contract';
import { JobRunner } from './job-runner';
import { sleep } from '../concurrency';

function collect(runner: JobRunner): JobEvent[] {
  const events: JobEvent[] = [];
  runner.onEvent((event) => events.push(event));
  return events;
}

describe('JobRunner', () => {
  it('streams events in seq order and ends with exactly one done event carrying the result', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const events = collect(runner);
    const jobId = runner.start('diagnostics.selfTest', async (job) => {
      for (let i = 1; i <= 5; i++) job.progress('checking', i, 5, `step ${i}`);
      job.log('info', 'counted');
      return { counted: 5 };
    });
    const terminal = await runner.wait(jobId);
    expect(terminal).toMatchObject({ type: 'done', result: { counted: 5 } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index));
    expect(events[0]).toMatchObject({ type: 'started', operation: 'diagnostics.selfTest' });
    expect(events.filter((event) => event.type === 'progress')).toHaveLength(5);
    expect(events.filter(isTerminalEvent)).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('done');
  });

  it('throttles progress but always delivers the last report and every phase change', async () => {
    const runner = new JobRunner({ throttleMs: 10_000 });
    const events = collect(runner);
    const jobId = runner.start('discovery.scan', async (job) => {
      for (let i = 1; i <= 1000; i++) job.progress('liveness', i, 1000);
      for (let i = 1; i <= 10; i++) job.progress('snmp', i, 10);
    });
    await runner.wait(jobId);
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeLessThan(10);
    expect(progress).toContainEqual(expect.objectContaining({ phase: 'liveness', current: 1000 }));
    expect(progress.at(-1)).toMatchObject({ phase: 'snmp', current: 10, total: 10 });
    const lastProgressIndex = events.findLastIndex((event) => event.type === 'progress');
    expect(events.findIndex(isTerminalEvent)).toBeGreaterThan(lastProgressIndex);
  });

  it('cancels through the AbortSignal, emits one cancelled event and nothing after it', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const events = collect(runner);
    let stepsAfterCancel = 0;
    const jobId = runner.start('deploy.apply', async (job) => {
      for (let i = 0; i < 100; i++) {
        await sleep(20, job.signal);
        job.progress('apply', i, 100);
      }
      stepsAfterCancel++;
    });
    await new Promise((resolve) =>
      runner.onEvent((event) => event.type === 'progress' && resolve(undefined)),
    );
    expect(runner.cancel(jobId)).toEqual({ cancelled: true, state: 'running' });
    expect(runner.cancel(jobId)).toEqual({ cancelled: true, state: 'running' });
    const terminal = await runner.wait(jobId);
    expect(terminal.type).toBe('cancelled');
    await sleep(60);
    expect(events.filter(isTerminalEvent)).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('cancelled');
    expect(stepsAfterCancel).toBe(0);
    expect(runner.cancel(jobId)).toEqual({ cancelled: false, state: 'cancelled' });
    expect(runner.list()[0]).toMatchObject({ jobId, state: 'cancelled' });
  });

  it("keeps the work's own cancel message, which says what it undid", async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const jobId = runner.start('deploy.apply', async (job) => {
      await sleep(5_000, job.signal).catch(() => undefined);
      throw new PromsteadError('CANCELLED', 'Cancelled. Rolled back: removed the container pe2e-node.');
    });
    await new Promise((resolve) => setImmediate(resolve));
    runner.cancel(jobId);
    expect(await runner.wait(jobId)).toMatchObject({
      type: 'cancelled',
      message: 'Cancelled. Rolled back: removed the container pe2e-node.',
    });
  });

  it('reports a thrown error as one failed event with its code, and an unknown error as INTERNAL', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const events = collect(runner);
    const coded = runner.start('hosts.preflight', async () => {
      throw new PromsteadError('DOCKER_UNREACHABLE', 'Docker is not running.');
    });
    const plain = runner.start('hosts.preflight', async () => {
      throw new Error('boom');
    });
    expect(await runner.wait(coded)).toMatchObject({ type: 'failed', error: { code: 'DOCKER_UNREACHABLE' } });
    expect(await runner.wait(plain)).toMatchObject({
      type: 'failed',
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(events.filter(isTerminalEvent)).toHaveLength(2);
  });

  it('keeps a bounded log, counts what it dropped, and redacts messages', async () => {
    const runner = new JobRunner({
      throttleMs: 0,
      logLimit: 3,
      redact: (text) => text.replaceAll('hunter2', '[redacted]'),
    });
    const jobId = runner.start('diagnostics.selfTest', async (job) => {
      for (let i = 0; i < 5; i++) job.log('info', `line ${i} password=hunter2`);
    });
    await runner.wait(jobId);
    const [summary] = runner.list();
    expect(summary?.log.map((entry) => entry.message)).toEqual([
      'line 2 password=[redacted]',
      'line 3 password=[redacted]',
      'line 4 password=[redacted]',
    ]);
    expect(summary?.logDropped).toBe(2);
  });

  it('lists running jobs before finished ones and bounds the history', async () => {
    const runner = new JobRunner({ throttleMs: 0, historyLimit: 2 });
    const finished: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = runner.start('diagnostics.selfTest', async () => i);
      await runner.wait(id);
      finished.push(id);
    }
    const slow = runner.start('deploy.apply', (job) => sleep(5_000, job.signal));
    const listed = runner.list();
    expect(listed.map((job) => job.jobId)).toEqual([slow, finished[2], finished[1]]);
    expect(listed[0]?.state).toBe('running');
    await runner.shutdown();
    expect(runner.list()[0]).toMatchObject({ jobId: slow, state: 'cancelled' });
  });

  it('gives a late waiter the terminal event of a job that has already ended', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const jobId = runner.start('diagnostics.selfTest', async () => 42);
    await runner.wait(jobId);
    expect(await runner.wait(jobId)).toMatchObject({ type: 'done', result: 42 });
    await expect(runner.wait('unknown')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("takes only the phases and topics the job's contract entry declares", async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const jobId = runner.start('deploy.apply', async (job) => {
      job.progress('verify', 1, 1);
      // @ts-expect-error deploy.apply declares no phase 'classify'.
      job.progress('classify', 1, 1);
      // @ts-expect-error deploy.apply streams no data.
      job.emitData('discovery.host', {});
    });
    expect(await runner.wait(jobId)).toMatchObject({ type: 'done' });
  });

  it('refuses to cancel an unknown job with NOT_FOUND', () => {
    const runner = new JobRunner();
    expect(() => runner.cancel('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
