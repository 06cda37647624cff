// An apply job: progress with its phase (pulls show bytes in the message), the log, and
// when it ends the verifications with a few live values, or the error, which says what
// was rolled back.
import type { JSX } from 'react';
import type { ApplyResult } from '@shared/contract';
import type { JobView } from '../../stores/jobs.reducer';
import { DeployErrorNotice } from './deploy-error.view';
import { JobLog } from '../job-log.view';
import { JobProgress } from '../job-progress.view';

/** Enough live values to show the exporter answers, not a metric browser. */
const samplesShown = 4;

export function ApplyResultView({
  job,
  result,
}: {
  job: JobView;
  result: ApplyResult | undefined;
}): JSX.Element {
  return (
    <section className="deploy-apply" data-testid="deploy-apply" data-state={job.state} aria-live="polite">
      <h3 className="card__title">Apply</h3>
      <JobProgress job={job} testId="deploy-apply-progress" />
      {job.state === 'failed' && job.error && (
        <DeployErrorNotice error={job.error} testId="deploy-apply-error" />
      )}
      {job.state === 'cancelled' && (
        <p className="notice notice--warn" data-testid="deploy-apply-cancelled">
          {job.message ?? 'Cancelled.'}
        </p>
      )}
      {result && (
        <>
          <p data-testid="deploy-apply-summary">
            {result.applied === 0
              ? 'No changes were needed.'
              : `${result.applied} ${result.applied === 1 ? 'action' : 'actions'} applied.`}
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
