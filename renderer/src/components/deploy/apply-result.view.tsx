// An apply job: progress with its phase (pulls show bytes in the message) and Cancel, the
// log, and when it ends the method used and the verifications with a few live values, or
// the error or cancel with what was rolled back, and a way to plan again.
import type { JSX } from 'react';
import type { ApplyResult } from '@shared/contract';
import { planMethodLabels, rollbackSummaryOf } from '../../stores/deploy-method';
import type { JobView } from '../../stores/jobs.reducer';
import type { CancelState } from '../../stores/jobs.store';
import { DeployErrorNotice } from './deploy-error.view';
import { JobLog } from '../job-log.view';
import { JobProgress } from '../job-progress.view';

/** Enough live values to show the exporter answers, not a metric browser. */
const samplesShown = 4;

export interface ApplyResultProps {
  job: JobView;
  result: ApplyResult | undefined;
  cancel: CancelState | undefined;
  onCancel(): void;
  /** Absent once a new plan is shown or being made. */
  onPlanAgain: (() => void) | undefined;
}

export function ApplyResultView({
  job,
  result,
  cancel,
  onCancel,
  onPlanAgain,
}: ApplyResultProps): JSX.Element {
  const ended = job.state === 'failed' || job.state === 'cancelled';
  const rollback = job.state === 'cancelled' ? rollbackSummaryOf(job) : undefined;
  return (
    <section
      className="deploy-apply"
      data-testid="deploy-apply"
      data-state={job.state}
      data-phase={job.phase ?? ''}
      data-current={job.current ?? 0}
      aria-live="polite"
    >
      <div className="deploy-apply__head">
        <h3 className="card__title">Apply</h3>
        {job.state === 'running' && (
          <button
            type="button"
            className="button button--small button--danger"
            data-testid="deploy-apply-cancel"
            disabled={cancel?.pending === true}
            onClick={onCancel}
          >
            {cancel?.pending ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <JobProgress job={job} testId="deploy-apply-progress" />
      {cancel?.error && (
        <p className="notice notice--danger" role="alert" data-testid="deploy-apply-cancel-error">
          Could not cancel: {cancel.error}
        </p>
      )}
      {job.state === 'failed' && job.error && (
        <DeployErrorNotice error={job.error} testId="deploy-apply-error" />
      )}
      {job.state === 'cancelled' && (
        <div className="notice notice--warn" data-testid="deploy-apply-cancelled">
          <p>{job.message ?? 'Cancelled.'}</p>
          {rollback && <p data-testid="deploy-apply-rollback">{rollback}</p>}
        </div>
      )}
      {ended && onPlanAgain && (
        <p className="deploy-apply__again">
          <span className="muted">
            The host is as the rollback left it; plan again to see what applying would do.
          </span>{' '}
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="deploy-plan-again"
            onClick={onPlanAgain}
          >
            Plan again
          </button>
        </p>
      )}
      {result && (
        <>
          <p data-testid="deploy-apply-summary" data-method={result.plan.method}>
            {result.applied === 0
              ? 'No changes were needed'
              : `${result.applied} ${result.applied === 1 ? 'action' : 'actions'} applied`}{' '}
            with {planMethodLabels[result.plan.method]}.
          </p>
          <ul className="deploy-verifications" aria-label="Verifications">
            {result.verifications.map((verification) => (
              <li
                key={verification.exporter}
                className="deploy-verifications__item"
                data-testid={`deploy-verification-${verification.exporter}`}
                data-ok={verification.ok ? 'true' : 'false'}
              >
                <p>
                  <span
                    className={verification.ok ? 'deploy-verifications__ok' : 'deploy-verifications__bad'}
                    role="img"
                    aria-label={verification.ok ? 'Verified' : 'Not verified'}
                  >
                    {verification.ok ? '✓' : '✗'}
                  </span>{' '}
                  <strong>{verification.exporter}</strong> <code className="muted">{verification.url}</code>
                </p>
                {verification.message && <p className="muted">{verification.message}</p>}
                {verification.missingMetrics.length > 0 && (
                  <p className="deploy-verifications__missing">
                    Missing: {verification.missingMetrics.join(', ')}
                  </p>
                )}
                {verification.samples.length > 0 && (
                  <table className="deploy-samples" data-testid="deploy-samples">
                    <tbody>
                      {verification.samples.slice(0, samplesShown).map((sample) => (
                        <tr key={sample.series}>
                          <td>
                            <code>{sample.series}</code>
                          </td>
                          <td className="deploy-samples__value">{sample.value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <JobLog job={job} testId="deploy-apply-log" />
    </section>
  );
}
