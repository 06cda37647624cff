// Browser mode's job events: one WebSocket, opened while someone listens, reopened with
// bounded backoff. Every (re)open is announced so the caller can resync with jobs.list,
// because events sent while the socket was down are gone.
import { JobEventSchema, type JobEvent } from '@shared/contract';

/** The few parts of a WebSocket this module needs; tests pass a fake. */
export interface SocketLike {
  onopen: (() => void) | null;
  onmessage: ((data: unknown) => void) | null;
  onclose: (() => void) | null;
  close(): void;
}

export interface EventSocketOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface EventSocket {
  subscribe(listener: (event: JobEvent) => void): () => void;
  /** Called on every open: the first one and each reconnect. */
  onOpen(listener: () => void): () => void;
}

export function createEventSocket(options: EventSocketOptions): EventSocket {
  const createSocket = options.createSocket ?? browserSocket;
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const listeners = new Set<(event: JobEvent) => void>();
  const openListeners = new Set<() => void>();
  let socket: SocketLike | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  function connect(): void {
    timer = undefined;
    let next: SocketLike;
    try {
      next = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = next;
    next.onopen = () => {
      attempt = 0;
      for (const listener of openListeners) listener();
    };
    next.onmessage = (data) => {
      const event = parseEvent(data);
      if (event) for (const listener of listeners) listener(event);
    };
    next.onclose = () => {
      if (socket !== next) return;
      socket = undefined;
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (listeners.size === 0 || timer) return;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(connect, delay);
  }

  function stop(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const current = socket;
    socket = undefined;
    current?.close();
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!socket && !timer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
  };
}

function parseEvent(data: unknown): JobEvent | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = JobEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function browserSocket(url: string): SocketLike {
  const ws = new WebSocket(url);
  const socket: SocketLike = { onopen: null, onmessage: null, onclose: null, close: () => ws.close() };
  ws.onopen = () => socket.onopen?.();
  ws.onmessage = (event: MessageEvent) => socket.onmessage?.(event.data);
  // An error is always followed by close, which is where reconnecting happens.
  ws.onclose = () => socket.onclose?.();
  return socket;
}
