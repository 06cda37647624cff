import { describe, expect, it, vi } from 'vitest';
import { EqlRegex, EqlSingle, Neq } from '@prometheus-io/lezer-promql';
import type { PromsteadClient } from '../../api';
import { engineCompletionClient, selectorOf } from './promql-client';

describe('PromQL completion client', () => {
  it('writes the selector a lookup is limited by, leaving out the label being completed', () => {
    const matchers = [
      { name: 'job', value: 'node', type: EqlSingle },
      { name: 'mode', value: 'idle', type: Neq },
      { name: 'cpu', value: '', type: EqlRegex },
      { name: 'device', value: 'sd.*', type: EqlRegex },
    ];
    expect(selectorOf('node_cpu_seconds_total', matchers, 'device')).toEqual([
      '{__name__="node_cpu_seconds_total",job="node",mode!="idle"}',
    ]);
    expect(selectorOf(undefined)).toEqual([]);
  });

  it('asks the engine, never the server, and offers nothing when a lookup fails', async () => {
    const names = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, data: { names: ['up'] } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } });
    const client = { api: { query: { names, metadata: vi.fn() } } } as unknown as PromsteadClient;
    const completion = engineCompletionClient(client, () => ({ kind: 'deployment', hostId: 'nas' }));
    expect(await completion.metricNames()).toEqual(['up']);
    expect(names).toHaveBeenCalledWith({
      server: { kind: 'deployment', hostId: 'nas' },
      label: '__name__',
      match: [],
    });
    expect(await completion.labelNames('up')).toEqual([]);
    expect(await engineCompletionClient(client, () => undefined).metricNames()).toEqual([]);
  });

  it('reuses an answer for a minute instead of asking on every key', async () => {
    const names = vi.fn().mockResolvedValue({ ok: true, data: { names: ['up'] } });
    const client = { api: { query: { names, metadata: vi.fn() } } } as unknown as PromsteadClient;
    let clock = 0;
    const completion = engineCompletionClient(
      client,
      () => ({ kind: 'deployment', hostId: 'nas' }),
      () => clock,
    );
    await completion.metricNames();
    await completion.metricNames();
    expect(names).toHaveBeenCalledTimes(1);
    clock = 61_000;
    await completion.metricNames();
    expect(names).toHaveBeenCalledTimes(2);
  });
});
