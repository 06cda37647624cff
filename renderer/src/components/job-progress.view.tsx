// A job's progress bar and its current phase and message. Without a total the bar is
// indeterminate rather than a made-up percentage.
import type { JSX } from 'react';
import type { JobView } from '../stores/jobs.reducer';

export function JobProgress({
  job,
  testId = 'job-progress',
}: {
  job: JobView;
  testId?: string;
}): JSX.Element {
  const hasTotal = job.total !== undefined && job.total > 0;
  const value = hasTotal ? Math.min(job.current ?? 0, job.total ?? 0) : undefined;
  const finishedWithoutTotal = !hasTotal && job.state !== 'running';
  const detail = [job.phase, job.message].filter((part) => part !== undefined && part !== '').join(' — ');
  return (
    <div className="job-progress">
      <progress
        data-testid={testId}
        className={`progress progress--${job.state}`}
        aria-label="Progress"
        max={hasTotal ? job.total : 1}
        value={finishedWithoutTotal ? (job.state === 'done' ? 1 : 0) : value}
      />
      <div className="job-progress__detail">
        <span className="job-progress__message">
          {detail || (job.state === 'running' ? 'Starting…' : '')}
        </span>
        {hasTotal && (
          <span className="job-progress__count">
            {job.current ?? 0} / {job.total}
          </span>
        )}
      </div>
    </div>
  );
}
