// Line icons for the navigation, drawn inline so the strict CSP needs no image source.
import type { JSX } from 'react';
import type { RouteId } from '../routing/routes.config';

const paths = {
  discover: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14zM21 21l-4.35-4.35',
  hosts: 'M4 5h16v5H4zM4 14h16v5H4zM8 7.5h.01M8 16.5h.01',
  deploy: 'M12 3v12M7 10l5 5l5-5M5 20h14',
  exporters: 'M4 7l8-4l8 4v10l-8 4l-8-4zM4 7l8 4l8-4M12 11v10',
  probes: 'M3 12h4l3-7l4 14l3-7h4',
  metrics: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  settings:
    'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3a1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5a1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8a1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1a1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5a1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  about: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 16v-5M12 8h.01',
} as const satisfies Record<RouteId, string>;

export function NavIcon({ route }: { route: RouteId }): JSX.Element {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[route]} />
    </svg>
  );
}
