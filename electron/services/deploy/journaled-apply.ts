// The apply procedure both deploy methods share: the planned steps in order with progress,
// verification, the deployment records, and only then the journal forgotten. Any failure,
// a cancel or a failed verification undoes what the journal holds, newest first, and
// throws the original error's code with what was (and was not) restored.
import {
  type ApplyPhase,
  type ApplyResult,
  type DeployPlan,
  type DeploymentRecord,
  errorText,
  type ExporterId,
  isPromsteadError,
  PromsteadError,
  type Verification,
} from '@shared/contract';
import type { PhasedJob } from '../jobs';
import { describeRollback, type DeployJournal } from './deploy-journal';
import type { CreatedItems, DeploymentStore } from './deployment-store';

export interface PlannedSteps {
  plan: DeployPlan;
  /** steps[i] is what plan.actions[i] describes; `kind` names a step without a summary in the log. */
  steps: readonly { kind: string }[];
}

type StepOf<Planned extends PlannedSteps> = Planned['steps'][number];

export interface JournaledApply<Planned extends PlannedSteps> {
  job: PhasedJob<ApplyPhase>;
  /** Each step records its undo here; the runner rolls it back or, once recorded, clears it. */
  journal: DeployJournal;
  /**
   * Plans, or hands over a plan made before. Runs inside the guard: a failure here is reported
   * like any other, with nothing to undo.
   */
  prepare(): Promise<Planned>;
  /**
   * Changes the host for one step. Each undo goes into the journal BEFORE the change it undoes
   * is made, so a change whose answer was lost (the connection dropped mid-call) is undone too.
   */
  runStep(step: StepOf<Planned>): Promise<void>;
  /** Scrapes what was deployed; its VERIFICATION_FAILED rolls back like a failed step. */
  verify(planned: Planned): Promise<Verification[]>;
  /** Saves the deployment records: before the journal is forgotten, so a failed save rolls back too. */
  record(planned: Planned): Promise<void>;
  /** Once the deploy stands, removes what was kept only for a rollback (backups, replaced containers). */
  tidy?(): Promise<void>;
  /** Right before undoing: a shell that carries the job's (aborted) signal lets go of it. */
  beforeRollback?(): void;
}

/** The plan phase's last report, the same for both methods. */
export function reportPlanned(job: PhasedJob<ApplyPhase>, plan: DeployPlan): void {
  job.progress('plan', 1, 1, plan.actions.length === 0 ? 'No changes' : `${plan.actions.length} actions`);
}

export async function runJournaledApply<Planned extends PlannedSteps>(
  apply: JournaledApply<Planned>,
): Promise<ApplyResult> {
  const { job, journal } = apply;
  try {
    const planned = await apply.prepare();
    const { plan, steps } = planned;
    for (const [index, step] of steps.entries()) {
      job.throwIfCancelled();
      const action = plan.actions[index];
      job.progress('apply', index, steps.length, action?.summary);
      await apply.runStep(step);
      job.log('info', action?.summary ?? step.kind);
    }
    job.progress('apply', steps.length, steps.length, 'Applied');
    job.throwIfCancelled();
    const verifications = await apply.verify(planned);
    await apply.record(planned);
    journal.clear();
    await apply.tidy?.();
    return { plan, applied: steps.length, verifications };
  } catch (error) {
    throw await rollBack(apply, error);
  }
}

/**
 * Undoes the journal after `error` and returns what to throw: its code (CANCELLED after a
 * cancel, whatever the step then threw) and message, followed by what was rolled back.
 */
async function rollBack<Planned extends PlannedSteps>(
  apply: JournaledApply<Planned>,
  error: unknown,
): Promise<PromsteadError> {
  const { job, journal } = apply;
  const cancelled = job.signal.aborted || (isPromsteadError(error) && error.code === 'CANCELLED');
  job.log('error', `${cancelled ? 'Cancelled' : 'Failed'}: ${errorText(error)}; rolling back`);
  job.progress('rollback', 0, 1, 'Undoing what was done');
  apply.beforeRollback?.();
  const rollback = await journal.rollback();
  const summary = describeRollback(rollback);
  job.log(rollback.failed.length > 0 ? 'error' : 'info', summary);
  const code = cancelled ? 'CANCELLED' : isPromsteadError(error) ? error.code : 'INTERNAL';
  return new PromsteadError(
    code,
    `${cancelled ? 'The deploy was cancelled.' : errorText(error)} ${summary}`,
    {
      restored: rollback.restored,
      notRestored: rollback.failed,
      ...(isPromsteadError(error) && error.details !== undefined ? { cause: error.details } : {}),
    },
  );
}

export interface DeployedExporter {
  exporter: ExporterId;
  paramsInput: Record<string, unknown>;
  version: string;
  port: number;
}

/** Saves one record per deployed exporter, with what the apply created for it. */
export async function recordDeployments(options: {
  store: Pick<DeploymentStore, 'record'>;
  host: { id: string; address: string };
  method: DeploymentRecord['method'];
  deployed: readonly DeployedExporter[];
  createdFor: (exporter: ExporterId) => CreatedItems;
  now: () => number;
}): Promise<void> {
  const { store, host, method, createdFor, now } = options;
  for (const entry of options.deployed) {
    await store.record({
      hostId: host.id,
      exporter: entry.exporter,
      method,
      params: entry.paramsInput,
      version: entry.version,
      created: createdFor(entry.exporter),
      scrapeAddress: `${host.address}:${entry.port}`,
      deployedAt: now(),
    });
  }
}
