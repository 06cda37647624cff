import type { PromsteadApi } from '@shared/contract';
import { describe, expect, it, vi } from 'vitest';
import { createClient, eventsUrl } from './api-client';

describe('transport choice', () => {
  it('uses window.api when the preload exposed it', () => {
    const api = { onJobEvent: () => () => undefined } as unknown as PromsteadApi;
    const client = createClient({ api, location: { protocol: 'file:', host: '' } });
    expect(client.transport).toBe('electron');
    expect(client.api).toBe(api);
  });

  it('falls back to HTTP + WebSocket on the page origin without window.api', async () => {
    const fetchImpl = vi.fn(async () => new Response('{"ok":true,"data":{"jobs":[]}}'));
    const createSocket = vi.fn(() => ({
      onopen: null,
      onmessage: null,
      onclose: null,
      close: () => undefined,
    }));
    const client = createClient(
      { location: { protocol: 'http:', host: '127.0.0.1:7000' } },
      { fetch: fetchImpl, createSocket },
    );
    expect(client.transport).toBe('browser');
    expect(await client.api.jobs.list()).toEqual({ ok: true, data: { jobs: [] } });
    client.api.onJobEvent(() => undefined);
    expect(createSocket).toHaveBeenCalledWith('ws://127.0.0.1:7000/api/events');
  });

  it('uses wss on an https page', () => {
    expect(eventsUrl({ protocol: 'https:', host: 'lab.example:8443' })).toBe(
      'wss://lab.example:8443/api/events',
    );
  });
});
