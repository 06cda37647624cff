// One job in the jobs panel: what it is, where it stands, how it ended, and its log.
import type { JSX } from 'react';
import type { JobState } from '@shared/contract';
import type { JobView } from '../stores/jobs.reducer';
import type { CancelState } from '../stores/jobs.store';
import { formatDuration, formatTime } from './format.util';
import { JobLog } from './job-log.view';
import { JobProgress } from './job-progress.view';
import { operationLabel } from './operation-label';
import { StatusBadge, type BadgeTone } from './status-badge.view';

const stateBadges = {
  running: { tone: 'info', label: 'Running' },
  done: { tone: 'ok', label: 'Done' },
  failed: { tone: 'danger', label: 'Failed' },
  cancelled: { tone: 'muted', label: 'Cancelled' },
} as const satisfies Record<JobState, { tone: BadgeTone; label: string }>;

export interface JobRowProps {
  job: JobView;
  cancel: CancelState | undefined;
  onCancel(jobId: string): void;
}

export function JobRow({ job, cancel, onCancel }: JobRowProps): JSX.Element {
  const badge = stateBadges[job.state];
  const label = operationLabel(job.operation);
  return (
    <li className="job-row" data-testid={`job-${job.jobId}`} data-state={job.state}>
      <div className="job-row__head">
        <span className="job-row__name">{label}</span>
        <StatusBadge tone={badge.tone} label={badge.label} />
        <span className="job-row__time muted">
          {formatTime(job.startedAt)}
          {job.endedAt !== undefined && ` · took ${formatDuration(job.endedAt - job.startedAt)}`}
        </span>
        {job.state === 'running' && (
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="job-cancel"
            disabled={cancel?.pending === true}
            onClick={() => onCancel(job.jobId)}
            aria-label={`Cancel ${label}`}
          >
            {cancel?.pending ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <JobProgress job={job} />
      {job.state === 'failed' && job.error && (
        <p className="job-row__error" data-testid="job-error">
          {job.error.message} <span className="muted">({job.error.code})</span>
        </p>
      )}
      {cancel?.error && (
        <p className="job-row__error" role="alert">
          Could not cancel: {cancel.error}
        </p>
      )}
      <JobLog job={job} />
    </li>
  );
}
