import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpConnect } from './tcp-connect';

let server: Server;
let openPort = 0;
let closedPort = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    // The probe may close before reading the banner: the kernel then resets.
    socket.on('error', () => undefined);
    socket.end('SSH-2.0-Test\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  openPort = (server.address() as { port: number }).port;
  // A port that was just free: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('tcpConnect (loopback only)', () => {
  it('says open, with a latency, and closes the socket', async () => {
    const result = await tcpConnect('127.0.0.1', openPort, { timeoutMs: 2000 });
    expect(result.state).toBe('open');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.socket).toBeUndefined();
  });
  it('says refused when nothing listens: the host itself answered', async () => {
    const result = await tcpConnect('127.0.0.1', closedPort, { timeoutMs: 2000 });
    expect(result).toMatchObject({ state: 'refused', errorCode: 'ECONNREFUSED' });
  });
  it('with keepOpen hands over the open socket, to read a banner', async () => {
    const result = await tcpConnect('127.0.0.1', openPort, { timeoutMs: 2000, keepOpen: true });
    expect(result.state).toBe('open');
    const socket = result.socket;
    if (!socket) throw new Error('expected a socket');
    const banner = await new Promise<string>((resolve) =>
      socket.once('data', (data: Buffer) => resolve(data.toString())),
    );
    socket.destroy();
    expect(banner).toBe('SSH-2.0-Test\r\n');
  });
  it('does not hand over a socket that did not open', async () => {
    const result = await tcpConnect('127.0.0.1', closedPort, { timeoutMs: 2000, keepOpen: true });
    expect(result.socket).toBeUndefined();
  });
  it('rejects with the reason on abort, before or during the connect', async () => {
    const before = new AbortController();
    before.abort(new Error('before'));
    await expect(
      tcpConnect('127.0.0.1', openPort, { timeoutMs: 2000, signal: before.signal }),
    ).rejects.toThrow('before');
    const during = new AbortController();
    const attempt = tcpConnect('127.0.0.1', openPort, { timeoutMs: 2000, signal: during.signal });
    during.abort(new Error('during'));
    await expect(attempt).rejects.toThrow('during');
  });
  it.each([
    ['localhost', 80],
    ['127.0.0.1; id', 80],
    ['010.0.0.1', 80],
    ['::1', 80],
    ['-oProxyCommand', 22],
    ['127.0.0.1', 0],
    ['127.0.0.1', 65_536],
    ['127.0.0.1', 22.5],
    ['127.0.0.1', Number.NaN],
  ])('refuses %j port %j without a packet', (address, port) => {
    expect(() => tcpConnect(address, port, { timeoutMs: 100 })).toThrow(/not an IPv4 address|not a TCP port/);
  });
});
