// The renderer's composition root: picks the transport, starts the job-events bridge and
// the theme sync, loads what every page needs (the discovery inventory included), then
// mounts the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './api';
import { startJobEventsBridge } from './bridge/job-events.bridge';
import { pageTitleId } from './pages/page-header.view';
import { startFocusOnNavigate } from './routing/hash-route.hook';
import { AppShell } from './shell/app-shell.container';
import { useAppStore } from './stores/app.store';
import { useDiscoveryStore } from './stores/discovery.store';
import { useSettingsStore } from './stores/settings.store';
import { startThemeSync } from './theme/theme.sync';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/jobs.css';
import './styles/discover.css';
import './styles/discover-hosts.css';
import './styles/discover-detail.css';
import './styles/exporters.css';
import './styles/hosts.css';
import './styles/deploy.css';
import './styles/metrics.css';
import './styles/metrics-query.css';
import './styles/metrics-chart.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');

startThemeSync();
startJobEventsBridge(getClient());
startFocusOnNavigate(pageTitleId);
void useAppStore.getState().load();
void useSettingsStore.getState().load();
void useDiscoveryStore.getState().load();

createRoot(rootElement).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
