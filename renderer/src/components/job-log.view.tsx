// A job's log, folded by default so a long list of jobs stays readable.
import type { JSX } from 'react';
import type { JobView } from '../stores/jobs.reducer';
import { formatTime } from './format.util';

export function JobLog({ job, testId = 'job-log' }: { job: JobView; testId?: string }): JSX.Element {
  const count = job.log.length + job.logDropped;
  return (
    <details className="job-log" data-testid={testId}>
      <summary>
        Log <span className="muted">({count === 1 ? '1 line' : `${count} lines`})</span>
      </summary>
      {job.logDropped > 0 && (
        <p className="job-log__dropped">{job.logDropped} earlier lines were not kept.</p>
      )}
      {job.log.length === 0 ? (
        <p className="muted job-log__empty">Nothing logged yet.</p>
      ) : (
        <ol className="job-log__lines">
          {job.log.map((entry, index) => (
            <li key={index} className={`job-log__line job-log__line--${entry.level}`}>
              <time className="job-log__time">{formatTime(entry.at)}</time>
              <span className="job-log__level">{entry.level}</span>
              <span className="job-log__message">{entry.message}</span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
