// A host's preflight as a checklist: each check's status (icon and word, never colour
// alone), what was seen and how to fix it, and the install method the facts imply.
import type { JSX } from 'react';
import type { PreflightReport, PreflightStatus } from '@shared/contract';
import type { JobView } from '../../stores/jobs.reducer';
import type { PreflightRun } from '../../stores/preflight.store';
import { JobLog } from '../job-log.view';
import { JobProgress } from '../job-progress.view';
import { ApiErrorNotice } from './api-error.view';

export interface PreflightChecklistProps {
  hostName: string;
  run: PreflightRun;
  job: JobView | undefined;
  report: PreflightReport | undefined;
  onRerun(): void;
  onClose(): void;
}

export const preflightIcons = {
  ok: { icon: '✓', label: 'OK' },
  warn: { icon: '!', label: 'Warning' },
  fail: { icon: '✗', label: 'Failed' },
  info: { icon: 'i', label: 'Info' },
} as const satisfies Record<PreflightStatus, { icon: string; label: string }>;

const methodLabels = {
  docker: 'exporters run as containers',
  systemd: 'release binary with a systemd unit',
  manual: 'a script to run by hand',
} as const satisfies Record<PreflightReport['installMethod']['method'], string>;

export function PreflightChecklist({
  hostName,
  run,
  job,
  report,
  onRerun,
  onClose,
}: PreflightChecklistProps): JSX.Element {
  const running = run.starting || job?.state === 'running';
  return (
    <section
      className="card preflight"
      aria-labelledby="preflight-title"
      data-testid="preflight"
      data-host={run.hostId}
      data-state={run.starting ? 'starting' : (job?.state ?? 'none')}
    >
      <div className="preflight__bar">
        <h2 id="preflight-title" className="card__title">
          Preflight of {hostName}
        </h2>
        <button
          type="button"
          className="button button--small button--secondary"
          data-testid="preflight-rerun"
          disabled={running}
          onClick={onRerun}
        >
          {running ? 'Checking…' : 'Run again'}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid="preflight-close"
          onClick={onClose}
        >
          Close
        </button>
      </div>
      {run.startError && <ApiErrorNotice error={run.startError} testId="preflight-error" />}
      {job?.state === 'failed' && job.error && <ApiErrorNotice error={job.error} testId="preflight-error" />}
      {job && job.state === 'running' && <JobProgress job={job} testId="preflight-progress" />}
      {report && (
        <>
          <p
            className="preflight__method"
            data-testid="preflight-method"
            data-method={report.installMethod.method}
          >
            <strong>Install method: {report.installMethod.method}</strong>{' '}
            <span className="muted">({methodLabels[report.installMethod.method]})</span> —{' '}
            {report.installMethod.reason}
          </p>
          <ul className="preflight__checks" aria-label="Checks">
            {report.checks.map((check) => (
              <li
                key={check.id}
                className={`preflight__check preflight__check--${check.status}`}
                data-testid={`preflight-check-${check.id}`}
                data-status={check.status}
              >
                <span className="preflight__icon" aria-label={preflightIcons[check.status].label} role="img">
                  {preflightIcons[check.status].icon}
                </span>
                <span className="preflight__title">{check.title}</span>
                <span className="preflight__detail">{check.detail}</span>
                {check.fix && <pre className="preflight__fix">{check.fix}</pre>}
              </li>
            ))}
          </ul>
        </>
      )}
      {job?.state === 'done' && !report && (
        <p className="muted">The checklist is shown only in the window that ran it; see the log below.</p>
      )}
      {job && <JobLog job={job} testId="preflight-log" />}
    </section>
  );
}
