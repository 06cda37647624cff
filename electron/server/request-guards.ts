// Checks every browser-mode request passes before it reaches the engine: the Host
// header (against DNS rebinding) and the Origin (against other sites' pages).
import type { IncomingMessage } from 'node:http';

export function allowedHosts(bindHost: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (bindHost !== '127.0.0.1' && bindHost !== '0.0.0.0' && bindHost !== '::') {
    hosts.add(bindHost.includes(':') ? `[${bindHost}]:${port}` : `${bindHost}:${port}`);
  }
  return hosts;
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>, anyHost: boolean): boolean {
  const host = req.headers.host?.toLowerCase();
  if (!host) return false;
  return anyHost || hosts.has(host);
}

/** A browser always sends Origin on WebSocket and cross-site POSTs; it must be ours. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      parsed.host === req.headers.host?.toLowerCase()
    );
  } catch {
    return false;
  }
}
