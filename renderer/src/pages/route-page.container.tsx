// Picks the page for the current route.
import type { JSX } from 'react';
import { routeById, type RouteId } from '../routing/routes.config';
import { AboutPage } from './about.page';
import { DeployPage } from './deploy.page';
import { DiscoverPage } from './discover.page';
import { ExportersPage } from './exporters.page';
import { HostsPage } from './hosts.page';
import { MetricsPage } from './metrics.page';
import { PlaceholderPage } from './placeholder.page';
import { SettingsPage } from './settings.page';

export function RoutePage({ route }: { route: RouteId }): JSX.Element {
  if (route === 'discover') return <DiscoverPage />;
  if (route === 'hosts') return <HostsPage />;
  if (route === 'deploy') return <DeployPage />;
  if (route === 'exporters') return <ExportersPage />;
  if (route === 'metrics') return <MetricsPage />;
  if (route === 'settings') return <SettingsPage />;
  if (route === 'about') return <AboutPage />;
  const spec = routeById(route);
  return (
    <PlaceholderPage
      key={route}
      title={spec.label}
      summary={'plannedSummary' in spec ? spec.plannedSummary : ''}
    />
  );
}
