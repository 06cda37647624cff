// Picks the transport once, at start: Electron when the preload exposed window.api,
// otherwise browser mode (HTTP for operations, a WebSocket for job events).
import type { PromsteadApi } from '@shared/contract';
import { createEventSocket, type EventSocketOptions } from './event-socket.transport';
import { createHttpApi, type FetchLike } from './http-api.transport';

export type ClientTransport = 'electron' | 'browser';

export interface PromsteadClient {
  readonly api: PromsteadApi;
  readonly transport: ClientTransport;
  /** Called whenever job events may have been missed and jobs.list should be re-read. */
  onResync(listener: () => void): () => void;
}

export interface ClientHost {
  api?: PromsteadApi;
  location: { protocol: string; host: string };
}

export interface ClientOverrides {
  fetch?: FetchLike;
  createSocket?: EventSocketOptions['createSocket'];
}

export function createClient(host: ClientHost, overrides: ClientOverrides = {}): PromsteadClient {
  if (host.api) {
    // IPC cannot drop events while the window lives, so there is never anything to resync.
    return { api: host.api, transport: 'electron', onResync: () => () => undefined };
  }
  const events = createEventSocket({ url: eventsUrl(host.location), createSocket: overrides.createSocket });
  return {
    api: createHttpApi({ events: events.subscribe, fetch: overrides.fetch }),
    transport: 'browser',
    onResync: events.onOpen,
  };
}

export function eventsUrl(location: ClientHost['location']): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/events`;
}

let current: PromsteadClient | undefined;

/** The app's one client, made on first use so importing a store never touches window. */
export function getClient(): PromsteadClient {
  current ??= createClient(window);
  return current;
}
