import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { sweep, type SweepOptions } from './liveness';

// Loopback only: every 127.0.0.0/8 address is this machine, so TCP probes there
// answer (open on the server's port on 127.0.0.1, refused elsewhere).
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((socket) => socket.on('error', () => undefined).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function options(overrides: Partial<SweepOptions> = {}): SweepOptions {
  return {
    timeoutMs: 1000,
    retries: 0,
    packetsPerSecond: 1000,
    signal: new AbortController().signal,
    onAlive: () => undefined,
    tcpPorts: [port],
    ...overrides,
  };
}

describe('sweep (loopback)', () => {
  it('by TCP, streams each host once, marked tcp, with a latency', async () => {
    const streamed: Array<[string, number | undefined, string]> = [];
    const result = await sweep(['127.0.0.1', '127.0.0.2', '127.0.0.1'], {
      ...options({ method: 'tcp' }),
      onAlive: (address, latencyMs, via) => streamed.push([address, latencyMs, via]),
    });
    expect(result.method).toBe('tcp');
    expect([...result.alive.keys()].sort()).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(streamed.map(([address, , via]) => `${address} ${via}`).sort()).toEqual([
      '127.0.0.1 tcp',
      '127.0.0.2 tcp',
    ]);
    for (const [, latencyMs] of streamed) expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.notes).toEqual([]);
  });

  it('falls back to TCP when ICMP is not permitted, and says so with the fix', async () => {
    const result = await sweep(['127.0.0.1'], options({ method: 'auto', icmpPermitted: async () => false }));
    expect(result.method).toBe('tcp');
    expect(result.alive.get('127.0.0.1')?.via).toBe('tcp');
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(
      /ICMP is not permitted.*marked up \(tcp\).*sysctl -w net\.ipv4\.ping_group_range/,
    );
  });

  it('returns at once for an empty list', async () => {
    const result = await sweep([], options({ method: 'tcp' }));
    expect(result.alive.size).toBe(0);
  });

  it.each([
    [['10.0.0.1', 'nas'], {}, /"nas" is not an IPv4 address/],
    [['10.0.0.1; id'], {}, /not an IPv4 address/],
    [['127.0.0.1'], { timeoutMs: 0 }, /timeoutMs/],
    [['127.0.0.1'], { retries: -1 }, /retries/],
    [['127.0.0.1'], { packetsPerSecond: 0.5 }, /packetsPerSecond/],
    [['127.0.0.1'], { tcpPorts: [0] }, /tcpPorts/],
    [['127.0.0.1'], { tcpPorts: [] }, /tcpPorts/],
  ] as const)('refuses %j with %j', async (addresses, overrides, message) => {
    const error = await sweep(addresses, options({ method: 'tcp', ...overrides })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
  });

  it('rejects with the job runner’s CANCELLED error, and wraps any other reason in one', async () => {
    const cancelled = new PromsteadError('CANCELLED', 'The job was cancelled.');
    const first = new AbortController();
    first.abort(cancelled);
    await expect(sweep(['127.0.0.1'], options({ signal: first.signal }))).rejects.toBe(cancelled);
    const second = new AbortController();
    second.abort();
    await expect(sweep(['127.0.0.1'], options({ signal: second.signal }))).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('stops mid-sweep on abort and leaves no socket open', async () => {
    const controller = new AbortController();
    const addresses = Array.from({ length: 200 }, (_, index) => `127.0.1.${index + 1}`);
    const run = sweep(addresses, {
      ...options({ method: 'tcp', packetsPerSecond: 50, signal: controller.signal }),
      onAlive: () => controller.abort(new PromsteadError('CANCELLED', 'stop')),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'stop' });
    const connections = await new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
    expect(connections).toBe(0);
  });
});
