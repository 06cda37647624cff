// What Promstead deployed on the chosen host, with uninstall (asked first, in place)
// and the uninstall job's progress, which can be cancelled.
import type { JSX } from 'react';
import type { ApiError, DeploymentRecord, ExporterId } from '@shared/contract';
import { rollbackSummaryOf } from '../../stores/deploy-method';
import type { UninstallState } from '../../stores/deploy.store';
import type { JobView } from '../../stores/jobs.reducer';
import type { CancelState } from '../../stores/jobs.store';
import { formatTime } from '../format.util';
import { DeployErrorNotice } from './deploy-error.view';
import { JobProgress } from '../job-progress.view';

export interface DeploymentListProps {
  deployments: readonly DeploymentRecord[];
  loadError: ApiError | undefined;
  uninstall: UninstallState;
  uninstallJob: JobView | undefined;
  onAsk(exporter: ExporterId): void;
  onCancel(): void;
  onConfirm(): void;
  jobCancel: CancelState | undefined;
  onCancelJob(): void;
}

export function DeploymentList(props: DeploymentListProps): JSX.Element {
  const { deployments, uninstall, uninstallJob } = props;
  const busy = uninstall.starting || uninstallJob?.state === 'running';
  return (
    <section
      className="card deploy-deployments"
      aria-labelledby="deployments-title"
      data-testid="deployments"
    >
      <h2 id="deployments-title" className="card__title">
        Deployed on this host
      </h2>
      {props.loadError && <DeployErrorNotice error={props.loadError} testId="deployments-error" />}
      {deployments.length === 0 ? (
        <p className="muted" data-testid="deployments-empty">
          Nothing deployed by Promstead here.
        </p>
      ) : (
        <ul className="deploy-deployments__list">
          {deployments.map((record) => {
            const confirming = uninstall.confirming?.exporter === record.exporter;
            return (
              <li
                key={record.exporter}
                data-testid={`deployment-${record.exporter}`}
                className="deploy-deployments__item"
              >
                <span>
                  <strong>{record.exporter}</strong> {record.version} · {record.method} ·{' '}
                  <code>{record.scrapeAddress}</code>{' '}
                  <span className="muted">since {formatTime(record.deployedAt)}</span>
                </span>
                {confirming ? (
                  <span
                    role="group"
                    aria-label={`Uninstall ${record.exporter}?`}
                    className="deploy-deployments__confirm"
                  >
                    Remove everything Promstead created for {record.exporter}?{' '}
                    <button
                      type="button"
                      className="button button--small button--danger"
                      data-testid="deployment-uninstall-confirm"
                      disabled={busy}
                      autoFocus
                      onClick={props.onConfirm}
                    >
                      {busy ? 'Uninstalling…' : 'Uninstall'}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      data-testid="deployment-uninstall-cancel"
                      disabled={busy}
                      onClick={props.onCancel}
                    >
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    data-testid="deployment-uninstall"
                    disabled={busy}
                    onClick={() => props.onAsk(record.exporter)}
                  >
                    Uninstall
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {uninstall.error && <DeployErrorNotice error={uninstall.error} testId="deployment-uninstall-error" />}
      {uninstallJob && (
        <div data-testid="deployment-uninstall-job" data-state={uninstallJob.state}>
          <JobProgress job={uninstallJob} testId="deployment-uninstall-progress" />
          {uninstallJob.state === 'running' && (
            <button
              type="button"
              className="button button--small button--danger"
              data-testid="deployment-uninstall-job-cancel"
              disabled={props.jobCancel?.pending === true}
              onClick={props.onCancelJob}
            >
              {props.jobCancel?.pending ? 'Cancelling…' : 'Cancel uninstall'}
            </button>
          )}
          {props.jobCancel?.error && (
            <p className="notice notice--danger" role="alert">
              Could not cancel: {props.jobCancel.error}
            </p>
          )}
          {uninstallJob.state === 'failed' && uninstallJob.error && (
            <DeployErrorNotice error={uninstallJob.error} testId="deployment-uninstall-error" />
          )}
          {uninstallJob.state === 'cancelled' && (
            <p className="notice notice--warn" data-testid="deployment-uninstall-cancelled">
              {[uninstallJob.message ?? 'Cancelled.', rollbackSummaryOf(uninstallJob)]
                .filter((part) => part !== undefined)
                .join(' ')}{' '}
              What is still deployed is listed above.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
