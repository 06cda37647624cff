// About: what app.info says about this install, and the self-test.
import { readJobResult } from '@shared/contract';
import { useMemo, type JSX } from 'react';
import { AppInfoCard } from '../components/app-info.view';
import { CapabilityList } from '../components/capability-list.view';
import { SelfTest } from '../components/self-test.view';
import { StateNotices } from '../components/state-notices.view';
import { useAppStore } from '../stores/app.store';
import { useDiagnosticsStore } from '../stores/diagnostics.store';
import { useJobsStore } from '../stores/jobs.store';
import { PageHeader } from './page-header.view';

export function AboutPage(): JSX.Element {
  const info = useAppStore((state) => state.info);
  const appError = useAppStore((state) => state.error);
  const reload = useAppStore((state) => state.load);
  const diagnostics = useDiagnosticsStore();
  const job = useJobsStore((state) => (diagnostics.jobId ? state.byId[diagnostics.jobId] : undefined));
  const result = useMemo(() => readJobResult('diagnostics.selfTest', job?.result), [job?.result]);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="About Promstead">Sets up Prometheus monitoring for your homelab.</PageHeader>
      {info ? (
        <div className="stack">
          <StateNotices notices={info.notices} />
          <AppInfoCard info={info} />
          <CapabilityList capabilities={info.capabilities} />
        </div>
      ) : appError ? (
        <div className="notice notice--danger" role="alert" data-testid="about-error">
          <p>Could not read the app's details: {appError}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      <SelfTest
        repeat={diagnostics.repeat}
        intervalMs={diagnostics.intervalMs}
        starting={diagnostics.starting}
        startError={diagnostics.startError}
        job={job}
        result={result}
        onRepeatChange={diagnostics.setRepeat}
        onIntervalChange={diagnostics.setIntervalMs}
        onStart={() => void diagnostics.startSelfTest()}
      />
    </section>
  );
}
