// The followed scan's progress by phase: a bar for the current phase ("Liveness 120/254"),
// the phases so far with their final counts, and how many hosts have been found.
import type { JSX } from 'react';
import type { JobState } from '@shared/contract';
import type { ScanView } from '../../stores/discovery.reducer';
import type { PhaseStep } from '../../stores/discovery.selectors';
import { StatusBadge, type BadgeTone } from '../status-badge.view';
import { phaseLabel } from './discovery-labels';

export interface ScanProgressProps {
  scan: ScanView;
  steps: readonly PhaseStep[];
  foundCount: number;
}

const stateBadges = {
  running: { tone: 'info', label: 'Running' },
  done: { tone: 'ok', label: 'Done' },
  failed: { tone: 'danger', label: 'Failed' },
  cancelled: { tone: 'muted', label: 'Cancelled' },
} as const satisfies Record<JobState, { tone: BadgeTone; label: string }>;

export function ScanProgress({ scan, steps, foundCount }: ScanProgressProps): JSX.Element {
  const current = scan.phase !== undefined ? scan.phases[scan.phase] : undefined;
  const hasTotal = current !== undefined && current.total > 0;
  const badge = stateBadges[scan.state];
  const finishedWithoutTotal = !hasTotal && scan.state !== 'running';
  return (
    <section
      className="card scan-progress"
      aria-labelledby="scan-progress-title"
      data-testid="discover-progress"
      data-phase={scan.phase ?? ''}
      data-state={scan.state}
      data-current={current?.current ?? 0}
      data-total={current?.total ?? 0}
    >
      <div className="scan-progress__head">
        <h2 id="scan-progress-title" className="card__title">
          Progress
        </h2>
        <StatusBadge tone={badge.tone} label={badge.label} />
        <span className="muted scan-progress__found" data-testid="discover-found">
          {foundCount === 1 ? '1 host found' : `${foundCount} hosts found`}
        </span>
      </div>
      <progress
        className={`progress progress--${scan.state}`}
        aria-labelledby="scan-progress-phase"
        max={hasTotal ? current.total : 1}
        value={
          finishedWithoutTotal
            ? scan.state === 'done'
              ? 1
              : 0
            : hasTotal
              ? Math.min(current.current, current.total)
              : undefined
        }
      />
      <p className="scan-progress__line">
        <span id="scan-progress-phase" className="scan-progress__phase" aria-live="polite">
          {scan.phase !== undefined ? phaseLabel(scan.phase) : scan.state === 'running' ? 'Starting…' : ''}
        </span>
        {hasTotal && (
          <span className="scan-progress__count">
            {' '}
            {current.current}/{current.total}
          </span>
        )}
        {current?.message && <span className="muted"> — {current.message}</span>}
      </p>
      {steps.length > 0 && (
        <ol className="phase-steps" aria-label="Phases">
          {steps.map((step) => (
            <li
              key={step.phase}
              className={`phase-steps__step phase-steps__step--${step.status}`}
              data-phase={step.phase}
              data-status={step.status}
            >
              <span className="phase-steps__name">{phaseLabel(step.phase)}</span>{' '}
              <span className="phase-steps__count">
                {step.total > 0 ? `${step.current}/${step.total}` : ''}
              </span>
              <span className="visually-hidden"> ({step.status})</span>
            </li>
          ))}
        </ol>
      )}
      {scan.state === 'cancelled' && scan.message && <p className="muted">{scan.message}</p>}
    </section>
  );
}
