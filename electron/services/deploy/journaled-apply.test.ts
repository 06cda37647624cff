import { describe, expect, it } from 'vitest';
import { type DeployPlan, type DeploymentRecord, PromsteadError, type Verification } from '@shared/contract';
import type { JobContext } from '../jobs';
import { DeployJournal } from './deploy-journal';
import { emptyCreated } from './deployment-store';
import { recordDeployments, reportPlanned, runJournaledApply } from './journaled-apply';

/** One scripted step: records its undo first, as the methods do, then "changes the host". */
interface ScriptedStep {
  kind: 'write-file';
  name: string;
  /** Thrown after the undo is recorded: the change may or may not have happened. */
  failure?: unknown;
  /** Its undo fails too. */
  undoFails?: boolean;
  /** Cancels the job while it runs. */
  cancels?: boolean;
}

interface Script {
  steps: ScriptedStep[];
  planFailure?: unknown;
  verifyFailure?: unknown;
  recordFailure?: unknown;
}

interface Run {
  trace: string[];
  result: Promise<unknown>;
}

function fakeJob(trace: string[], controller: AbortController): JobContext<'deploy.apply'> {
  return {
    jobId: 'test',
    signal: controller.signal,
    progress: (phase, current, total, message) =>
      trace.push(`progress ${phase} ${current}/${total}${message === undefined ? '' : ` ${message}`}`),
    log: (level, message) => trace.push(`${level}: ${message}`),
    emitData: () => undefined,
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw new PromsteadError('CANCELLED', 'The job was cancelled.');
    },
  };
}

const verification: Verification = {
  exporter: 'node_exporter',
  ok: true,
  url: 'http://192.0.2.1:9100/metrics',
  missingMetrics: [],
  samples: [],
};

function planOf(steps: readonly ScriptedStep[]): DeployPlan {
  return {
    hostId: 'nas',
    method: 'docker',
    actions: steps.map((step) => ({
      kind: step.kind,
      exporter: 'node_exporter',
      target: step.name,
      summary: `write ${step.name}`,
    })),
    notes: [],
  };
}

/** Runs the script through the runner, tracing every report, step, undo and hook in order. */
function run(script: Script): Run {
  const trace: string[] = [];
  const controller = new AbortController();
  const journal = new DeployJournal();
  const result = runJournaledApply({
    job: fakeJob(trace, controller),
    journal,
    prepare: async () => {
      trace.push('prepare');
      if (script.planFailure !== undefined) throw script.planFailure;
      return { plan: planOf(script.steps), steps: script.steps };
    },
    runStep: async (step) => {
      journal.record(`wrote ${step.name}`, {
        restores: `removed ${step.name}`,
        run: async () => {
          trace.push(`undo ${step.name}`);
          if (step.undoFails) throw new Error(`${step.name} is busy`);
        },
      });
      trace.push(`run ${step.name}`);
      if (step.cancels) controller.abort();
      if (step.failure !== undefined) throw step.failure;
    },
    verify: async () => {
      trace.push('verify');
      if (script.verifyFailure !== undefined) throw script.verifyFailure;
      return [verification];
    },
    record: async () => {
      trace.push('record');
      if (script.recordFailure !== undefined) throw script.recordFailure;
    },
    tidy: async () => void trace.push('tidy'),
    beforeRollback: () => trace.push('before rollback'),
  });
  return { trace, result };
}

const step = (name: string, extra: Partial<ScriptedStep> = {}): ScriptedStep => ({
  kind: 'write-file',
  name,
  ...extra,
});

async function failureOf(result: Promise<unknown>): Promise<PromsteadError> {
  const error = await result.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PromsteadError);
  return error as PromsteadError;
}

describe('runJournaledApply', () => {
  it('runs the steps in order with progress, then verifies, records, forgets the journal and tidies', async () => {
    const { trace, result } = run({ steps: [step('a'), step('b')] });
    await expect(result).resolves.toEqual({
      plan: planOf([step('a'), step('b')]),
      applied: 2,
      verifications: [verification],
    });
    expect(trace).toEqual([
      'prepare',
      'progress apply 0/2 write a',
      'run a',
      'info: write a',
      'progress apply 1/2 write b',
      'run b',
      'info: write b',
      'progress apply 2/2 Applied',
      'verify',
      'record',
      // The journal was cleared before: nothing is undone after this.
      'tidy',
    ]);
  });

  it('with no steps still verifies and records (an apply that changes nothing)', async () => {
    const { trace, result } = run({ steps: [] });
    await expect(result).resolves.toMatchObject({ applied: 0 });
    expect(trace).toEqual(['prepare', 'progress apply 0/0 Applied', 'verify', 'record', 'tidy']);
  });

  it('undoes a step whose answer was lost: its undo was recorded before it ran', async () => {
    const { trace, result } = run({
      steps: [step('a', { failure: new Error('Connection lost before the answer') })],
    });
    const error = await failureOf(result);
    expect(trace).toContain('undo a');
    expect(error.message).toBe('Connection lost before the answer Rolled back: removed a.');
  });

  it('on a failed step undoes newest first, runs nothing further and throws its code, message and details', async () => {
    const failure = new PromsteadError('CONFLICT', 'Port 9100 is taken.', { port: 9100 });
    const { trace, result } = run({ steps: [step('a'), step('b', { failure }), step('c')] });
    const error = await failureOf(result);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Port 9100 is taken. Rolled back: removed b; removed a.');
    expect(error.details).toEqual({
      restored: ['removed b', 'removed a'],
      notRestored: [],
      cause: { port: 9100 },
    });
    expect(trace.slice(trace.indexOf('run b'))).toEqual([
      'run b',
      'error: Failed: Port 9100 is taken.; rolling back',
      'progress rollback 0/1 Undoing what was done',
      'before rollback',
      'undo b',
      'undo a',
      'info: Rolled back: removed b; removed a.',
    ]);
    expect(trace).not.toContain('run c');
    expect(trace).not.toContain('verify');
    expect(trace).not.toContain('record');
  });

  it('tries every undo when one fails, and says what it could not undo', async () => {
    const { trace, result } = run({
      steps: [step('a'), step('b', { undoFails: true }), step('c', { failure: new Error('disk full') })],
    });
    const error = await failureOf(result);
    expect(trace.filter((line) => line.startsWith('undo'))).toEqual(['undo c', 'undo b', 'undo a']);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe(
      'disk full Rolled back: removed c; removed a. Could NOT undo: removed b (b is busy). Check the host.',
    );
    expect(error.details).toEqual({
      restored: ['removed c', 'removed a'],
      notRestored: [{ restores: 'removed b', error: 'b is busy' }],
    });
    expect(trace).toContain(
      'error: Rolled back: removed c; removed a. Could NOT undo: removed b (b is busy). Check the host.',
    );
  });

  it('a cancel between steps undoes what was done and says the deploy was cancelled', async () => {
    const { trace, result } = run({ steps: [step('a'), step('b', { cancels: true }), step('c')] });
    const error = await failureOf(result);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toBe('The deploy was cancelled. Rolled back: removed b; removed a.');
    // The step ran to its end; the next one finds the job cancelled.
    expect(trace.slice(trace.indexOf('run b'))).toEqual([
      'run b',
      'info: write b',
      'error: Cancelled: The job was cancelled.; rolling back',
      'progress rollback 0/1 Undoing what was done',
      'before rollback',
      'undo b',
      'undo a',
      'info: Rolled back: removed b; removed a.',
    ]);
  });

  it('a step that fails because of the cancel counts as cancelled, whatever it threw', async () => {
    const { result } = run({
      steps: [
        step('a', { cancels: true, failure: new PromsteadError('TRANSPORT', 'The operation was aborted') }),
      ],
    });
    const error = await failureOf(result);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toBe('The deploy was cancelled. Rolled back: removed a.');
    expect(error.details).toMatchObject({ restored: ['removed a'] });
  });

  it('a cancel after the last step, before verifying, still rolls everything back', async () => {
    const { trace, result } = run({ steps: [step('a'), step('b', { cancels: true })] });
    const error = await failureOf(result);
    expect(error.code).toBe('CANCELLED');
    expect(trace).toContain('progress apply 2/2 Applied');
    expect(trace).not.toContain('verify');
    expect(trace.filter((line) => line.startsWith('undo'))).toEqual(['undo b', 'undo a']);
  });

  it('a failed verification rolls everything back and keeps VERIFICATION_FAILED with its details', async () => {
    const failed = { ...verification, ok: false, message: 'redis_up is 0.' };
    const { trace, result } = run({
      steps: [step('a'), step('b')],
      verifyFailure: new PromsteadError('VERIFICATION_FAILED', 'redis_exporter did not verify', {
        verification: failed,
      }),
    });
    const error = await failureOf(result);
    expect(error.code).toBe('VERIFICATION_FAILED');
    expect(error.message).toBe('redis_exporter did not verify Rolled back: removed b; removed a.');
    expect(error.details).toEqual({
      restored: ['removed b', 'removed a'],
      notRestored: [],
      cause: { verification: failed },
    });
    expect(trace).not.toContain('record');
  });

  it('a record that cannot be saved rolls back too: the journal is forgotten only after it', async () => {
    const { trace, result } = run({
      steps: [step('a')],
      recordFailure: new Error('EACCES: deployments.json'),
    });
    const error = await failureOf(result);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('EACCES: deployments.json Rolled back: removed a.');
    expect(trace).toContain('undo a');
    expect(trace).not.toContain('tidy');
  });

  it('a plan that fails says nothing had been changed', async () => {
    const { trace, result } = run({
      steps: [step('a')],
      planFailure: new PromsteadError('VALIDATION', 'Pick at least one exporter to deploy.'),
    });
    const error = await failureOf(result);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Pick at least one exporter to deploy. Nothing had been changed on the host.');
    expect(error.details).toEqual({ restored: [], notRestored: [] });
    expect(trace).not.toContain('run a');
  });
});

describe('reportPlanned', () => {
  it('ends the plan phase with the number of actions, or no changes', () => {
    const trace: string[] = [];
    const job = fakeJob(trace, new AbortController());
    reportPlanned(job, planOf([step('a'), step('b')]));
    reportPlanned(job, planOf([]));
    expect(trace).toEqual(['progress plan 1/1 2 actions', 'progress plan 1/1 No changes']);
  });
});

describe('recordDeployments', () => {
  it('saves one record per exporter with what was created for it', async () => {
    const saved: DeploymentRecord[] = [];
    let clock = 1000;
    await recordDeployments({
      store: {
        record: async (record) => {
          saved.push(record);
          return record;
        },
      },
      host: { id: 'nas', address: '192.0.2.10' },
      method: 'systemd',
      deployed: [
        { exporter: 'node_exporter', paramsInput: { port: 9100 }, version: '1.5.0', port: 9100 },
        { exporter: 'redis_exporter', paramsInput: {}, version: '1.45.0', port: 9121 },
      ],
      createdFor: (exporter) => ({ ...emptyCreated(), units: [`${exporter}.service`] }),
      now: () => clock++,
    });
    expect(saved).toEqual([
      {
        hostId: 'nas',
        exporter: 'node_exporter',
        method: 'systemd',
        params: { port: 9100 },
        version: '1.5.0',
        created: { ...emptyCreated(), units: ['node_exporter.service'] },
        scrapeAddress: '192.0.2.10:9100',
        deployedAt: 1000,
      },
      {
        hostId: 'nas',
        exporter: 'redis_exporter',
        method: 'systemd',
        params: {},
        version: '1.45.0',
        created: { ...emptyCreated(), units: ['redis_exporter.service'] },
        scrapeAddress: '192.0.2.10:9121',
        deployedAt: 1001,
      },
    ]);
  });
});
