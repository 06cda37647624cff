// The jobs drawer: running jobs first, then finished ones with how they ended.
import type { JSX } from 'react';
import type { JobView } from '../stores/jobs.reducer';
import type { CancelState } from '../stores/jobs.store';
import { JobRow } from './job-row.view';

export interface JobsPanelProps {
  open: boolean;
  jobs: readonly JobView[];
  cancels: Readonly<Record<string, CancelState>>;
  syncError: string | undefined;
  onCancel(jobId: string): void;
  onClose(): void;
}

export function JobsPanel({
  open,
  jobs,
  cancels,
  syncError,
  onCancel,
  onClose,
}: JobsPanelProps): JSX.Element {
  const running = jobs.filter((job) => job.state === 'running');
  const finished = jobs.filter((job) => job.state !== 'running');
  const section = (title: string, list: readonly JobView[]): JSX.Element | null =>
    list.length === 0 ? null : (
      <section className="jobs-panel__section" aria-label={title}>
        <h3 className="jobs-panel__heading">{title}</h3>
        <ul className="jobs-panel__list">
          {list.map((job) => (
            <JobRow key={job.jobId} job={job} cancel={cancels[job.jobId]} onCancel={onCancel} />
          ))}
        </ul>
      </section>
    );

  return (
    <aside
      id="jobs-panel"
      className="jobs-panel"
      data-testid="jobs-panel"
      aria-labelledby="jobs-panel-title"
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="jobs-panel__bar">
        <h2 id="jobs-panel-title" className="jobs-panel__title">
          Jobs
        </h2>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {syncError && (
        <p className="notice notice--warn" role="alert">
          {syncError}
        </p>
      )}
      {jobs.length === 0 ? (
        <p className="muted jobs-panel__empty">
          No jobs yet. Scans, deployments and self-tests show their progress and logs here.
        </p>
      ) : (
        <div className="jobs-panel__body">
          {section('Running', running)}
          {section('Finished', finished)}
        </div>
      )}
    </aside>
  );
}
