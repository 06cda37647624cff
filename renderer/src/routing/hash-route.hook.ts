// Hash routing without a router package: the hash is the state, hashchange the signal.
import { useSyncExternalStore } from 'react';
import { routeFromHash, type RouteId } from './routes.config';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

/** Moves focus to the new page's title after navigation, so screen readers announce it. */
export function startFocusOnNavigate(titleId: string): () => void {
  const focusTitle = (): void => {
    requestAnimationFrame(() => document.getElementById(titleId)?.focus());
  };
  window.addEventListener('hashchange', focusTitle);
  return () => window.removeEventListener('hashchange', focusTitle);
}
