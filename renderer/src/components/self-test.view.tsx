// The self-test card: how many rounds and how long to pause, then the live job and its
// checks, so a person can fix the environment while watching it.
import type { JSX } from 'react';
import type { SelfTestResult } from '@shared/contract';
import type { JobView } from '../stores/jobs.reducer';
import { checkBadges } from './check-status';
import { describedBy, FormField } from './form-field.view';
import { JobLog } from './job-log.view';
import { JobProgress } from './job-progress.view';
import { StatusBadge } from './status-badge.view';

export interface SelfTestProps {
  repeat: string;
  intervalMs: string;
  starting: boolean;
  startError: string | undefined;
  job: JobView | undefined;
  result: SelfTestResult | undefined;
  onRepeatChange(value: string): void;
  onIntervalChange(value: string): void;
  onStart(): void;
}

const outcome = { running: 'Running…', done: 'Finished', failed: 'Failed', cancelled: 'Cancelled' } as const;

export function SelfTest(props: SelfTestProps): JSX.Element {
  const { repeat, intervalMs, starting, startError, job, result } = props;
  const running = job?.state === 'running';
  return (
    <section className="card" aria-labelledby="self-test-title">
      <h2 id="self-test-title" className="card__title">
        Self-test
      </h2>
      <p className="card__lead">
        Checks ICMP, fping/ping, Docker and the SSH agent one by one. Repeat it with a pause to watch the
        results change while you fix something.
      </p>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onStart();
        }}
      >
        <FormField id="self-test-repeat" label="Repeat" hint="1–100 rounds">
          <input
            id="self-test-repeat"
            data-testid="self-test-repeat"
            type="number"
            min={1}
            max={100}
            step={1}
            value={repeat}
            onChange={(event) => props.onRepeatChange(event.target.value)}
            aria-describedby={describedBy('self-test-repeat', true, undefined)}
          />
        </FormField>
        <FormField id="self-test-interval" label="Pause between checks (ms)" hint="0–10000 ms">
          <input
            id="self-test-interval"
            data-testid="self-test-interval"
            type="number"
            min={0}
            max={10_000}
            step={100}
            value={intervalMs}
            onChange={(event) => props.onIntervalChange(event.target.value)}
            aria-describedby={describedBy('self-test-interval', true, undefined)}
          />
        </FormField>
        <button
          type="submit"
          className="button button--primary"
          data-testid="self-test-start"
          disabled={starting || running}
        >
          {starting ? 'Starting…' : running ? 'Self-test running' : 'Run self-test'}
        </button>
      </form>
      {startError && (
        <p className="notice notice--danger" role="alert" data-testid="self-test-error">
          {startError}
        </p>
      )}
      {job && (
        <div className="self-test__job" data-testid="self-test-job" data-state={job.state} aria-live="polite">
          <p className="self-test__outcome">
            {outcome[job.state]}
            {job.state === 'failed' && job.error && `: ${job.error.message}`}
          </p>
          <JobProgress job={job} testId="self-test-progress" />
          {result && (
            <ul className="check-list" data-testid="self-test-result" data-ok={result.ok}>
              {result.checks.map((check) => (
                <li
                  key={check.name}
                  className="check-list__item"
                  data-testid={`self-test-check-${check.name}`}
                  data-status={check.status}
                >
                  <span className="check-list__name">{check.label}</span>
                  <StatusBadge
                    tone={checkBadges[check.status].tone}
                    label={checkBadges[check.status].label}
                  />
                  <span className="check-list__detail">{check.detail}</span>
                </li>
              ))}
            </ul>
          )}
          {job.state === 'done' && !result && (
            <p className="muted">
              The checks' details are shown only in the window that ran them; see the log below.
            </p>
          )}
          <JobLog job={job} testId="self-test-log" />
        </div>
      )}
    </section>
  );
}
