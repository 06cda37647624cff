import { describe, expect, it } from 'vitest';
import { defaultRoute, hrefFor, routeFromHash, routes } from './routes.config';

describe('hash routes', () => {
  it('maps each route href back to its id', () => {
    for (const route of routes) expect(routeFromHash(hrefFor(route.id))).toBe(route.id);
  });

  it('falls back to the default page for an empty or unknown hash', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#constructor', '#/__proto__'])
      expect(routeFromHash(hash)).toBe(defaultRoute);
  });

  it('ignores anything after the page id', () => {
    expect(routeFromHash('#/settings/extra?x=1')).toBe('settings');
  });
});
