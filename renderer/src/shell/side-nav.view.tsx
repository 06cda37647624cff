// The left navigation: real links, so Tab, Enter and the browser's history all work.
import type { JSX } from 'react';
import { hrefFor, routes, type RouteId } from '../routing/routes.config';
import { NavIcon } from './nav-icon.view';

export function SideNav({ active }: { active: RouteId }): JSX.Element {
  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {routes.map((route) => (
          <li key={route.id}>
            <a
              className="side-nav__link"
              href={hrefFor(route.id)}
              aria-current={route.id === active ? 'page' : undefined}
              data-testid={`nav-${route.id}`}
            >
              <NavIcon route={route.id} />
              <span>{route.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
