// The app's pages, in navigation order, and how a location hash maps to one of them.
export interface RouteSpec {
  id: string;
  label: string;
  /** For pages not built yet: what they will hold, said plainly. */
  plannedSummary?: string;
}

export const routes = [
  { id: 'discover', label: 'Discover' },
  { id: 'hosts', label: 'Hosts' },
  { id: 'deploy', label: 'Deploy' },
  { id: 'exporters', label: 'Exporters' },
  {
    id: 'probes',
    label: 'Probes',
    plannedSummary:
      'Blackbox probe results: success, latency by phase, status codes, TLS expiry and DNS answers, with history. Coming with the probes feature.',
  },
  { id: 'metrics', label: 'Metrics' },
  { id: 'settings', label: 'Settings' },
  { id: 'about', label: 'About' },
] as const satisfies readonly RouteSpec[];

export type RouteId = (typeof routes)[number]['id'];
export type Route = (typeof routes)[number];

export const defaultRoute: RouteId = 'discover';

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return routes.find((route) => route.id === id)?.id ?? defaultRoute;
}

export function routeById(id: RouteId): Route {
  return routes.find((route) => route.id === id) ?? routes[0];
}
