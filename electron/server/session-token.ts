// The per-run token of browser mode: random, compared in constant time, carried by
// the URL once and then by an HttpOnly, SameSite=Strict cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Cookies are shared by every port of a host, so each server run names its own. */
export function sessionCookieName(port: number): string {
  return `promstead_session_${port}`;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Every token a request presents: `Authorization: Bearer`, this run's cookie, and
 * `?token=` (the first visit). Any one that matches admits the request, so a stale
 * cookie from an earlier run cannot shadow a fresh URL.
 */
export function presentedTokens(req: IncomingMessage, url: URL, port: number): string[] {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = cookieValue(req.headers.cookie, sessionCookieName(port));
  const query = url.searchParams.get('token');
  return [bearer, cookie, query].filter(
    (token): token is string => typeof token === 'string' && token !== '',
  );
}

export function sessionCookie(token: string, port: number): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
