// The top bar: product name, the transport when it is not the desktop app, and the jobs toggle.
import type { JSX } from 'react';

export interface AppHeaderProps {
  browserMode: boolean;
  runningJobs: number;
  jobsPanelOpen: boolean;
  onToggleJobs(): void;
  onSkipToContent(): void;
}

export function AppHeader(props: AppHeaderProps): JSX.Element {
  const { browserMode, runningJobs, jobsPanelOpen, onToggleJobs, onSkipToContent } = props;
  return (
    <header className="app-header">
      <button type="button" className="skip-link" onClick={onSkipToContent}>
        Skip to content
      </button>
      <div className="app-header__brand">
        <svg className="app-header__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3 20V11l9-7l9 7v9h-6v-6H9v6z" />
        </svg>
        <span className="app-header__name">Promstead</span>
        {browserMode && <span className="pill pill--muted">Browser mode</span>}
      </div>
      <button
        type="button"
        id="jobs-toggle"
        className="button button--ghost jobs-toggle"
        data-testid="jobs-toggle"
        aria-expanded={jobsPanelOpen}
        aria-controls="jobs-panel"
        onClick={onToggleJobs}
      >
        Jobs{' '}
        <span className={runningJobs > 0 ? 'count count--active' : 'count'} data-testid="jobs-running-count">
          {runningJobs > 0 ? `${runningJobs} running` : 'none running'}
        </span>
      </button>
    </header>
  );
}
