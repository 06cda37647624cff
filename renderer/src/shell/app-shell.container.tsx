// The window's frame: header, navigation, the current page and the jobs panel. It reads
// the stores and hands plain props down.
import type { JSX } from 'react';
import { useHashRoute } from '../routing/hash-route.hook';
import { countRunning } from '../stores/jobs.selectors';
import { useJobsStore } from '../stores/jobs.store';
import { useAppStore } from '../stores/app.store';
import { useUiStore } from '../stores/ui.store';
import { JobsPanelContainer } from '../components/jobs-panel.container';
import { AppHeader } from './app-header.view';
import { SideNav } from './side-nav.view';
import { RoutePage } from '../pages/route-page.container';

export const mainId = 'main';

export function AppShell(): JSX.Element {
  const route = useHashRoute();
  const runningJobs = useJobsStore((state) => countRunning(state.byId));
  const jobsPanelOpen = useUiStore((state) => state.jobsPanelOpen);
  const toggleJobsPanel = useUiStore((state) => state.toggleJobsPanel);
  const browserMode = useAppStore((state) => state.info?.transport === 'browser');

  return (
    <div className="shell">
      <AppHeader
        browserMode={browserMode}
        runningJobs={runningJobs}
        jobsPanelOpen={jobsPanelOpen}
        onToggleJobs={toggleJobsPanel}
        onSkipToContent={() => document.getElementById(mainId)?.focus()}
      />
      <SideNav active={route} />
      <main id={mainId} className="main" tabIndex={-1}>
        <RoutePage route={route} />
      </main>
      <JobsPanelContainer />
    </div>
  );
}
