import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PromsteadError } from '@shared/contract';
import {
  closedPort,
  openTcpSockets,
  silentServer,
  tcpServer,
  type Running,
} from './loopback-servers.fixture';
import { probeServices, probeTimings } from './service-probe';

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** SSH servers that greet after a delay; `waiting` counts clients not yet greeted, across all of them. */
async function sshServers(
  count: number,
  delayMs: number,
): Promise<{ servers: Running[]; most: () => number }> {
  let waiting = 0;
  let most = 0;
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      tcpServer((socket) => {
        waiting += 1;
        most = Math.max(most, waiting);
        const timer = setTimeout(() => {
          waiting -= 1;
          socket.write('SSH-2.0-OpenSSH_9.2p1\r\n');
        }, delayMs);
        socket.once('close', () => clearTimeout(timer));
      }),
    ),
  );
  running.push(...servers);
  return { servers, most: () => most };
}

describe('probeServices', () => {
  it('lists open ports sorted, once each, and leaves closed ports out', async () => {
    const [first, second] = (await sshServers(2, 0)).servers;
    const closed = await closedPort();
    const ports = [second?.port ?? 0, closed, first?.port ?? 0, second?.port ?? 0];
    const services = await probeServices('127.0.0.1', {
      ports,
      timeoutMs: 500,
      signal: new AbortController().signal,
    });
    expect(services.map((service) => service.port)).toEqual(
      [first?.port, second?.port].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(services.every((service) => service.service === 'ssh')).toBe(true);
  });

  it('keeps to its concurrency on one host', async () => {
    const { servers, most } = await sshServers(6, 60);
    const services = await probeServices('127.0.0.1', {
      ports: servers.map((server) => server.port),
      timeoutMs: 500,
      signal: new AbortController().signal,
      concurrency: 2,
    });
    expect(services).toHaveLength(6);
    expect(most()).toBe(2);
  });

  it('rejects at once with CANCELLED and leaves no socket open', async () => {
    // Sockets of earlier tests close asynchronously; start from none.
    await vi.waitFor(() => expect(openTcpSockets()).toBe(0));
    const servers = await Promise.all([silentServer(), silentServer(), silentServer()]);
    running.push(...servers);
    const controller = new AbortController();
    const probe = probeServices('127.0.0.1', {
      ports: servers.map((server) => server.port),
      timeoutMs: 5000,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(servers.every((server) => server.connections.size > 0)).toBe(true));
    // One listener on the caller's signal for the whole host, however many sockets are open.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new PromsteadError('CANCELLED', 'The job was cancelled.'));
    await expect(probe).rejects.toMatchObject({ code: 'CANCELLED', message: 'The job was cancelled.' });
    await vi.waitFor(() => {
      expect(servers.every((server) => server.connections.size === 0)).toBe(true);
      expect(openTcpSockets()).toBe(0);
    });
  });

  it('turns any abort reason into a CANCELLED error, and refuses to start once aborted', async () => {
    const [server] = (await sshServers(1, 5000)).servers;
    const controller = new AbortController();
    const probe = probeServices('127.0.0.1', {
      ports: [server?.port ?? 0],
      timeoutMs: 500,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(probe).rejects.toBeInstanceOf(PromsteadError);
    await expect(probe).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      probeServices('127.0.0.1', { ports: [22], timeoutMs: 500, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('gives greetings more time than connects, within bounds', () => {
    expect(probeTimings(100)).toEqual({ connectTimeoutMs: 100, readTimeoutMs: 1000 });
    expect(probeTimings(1500)).toEqual({ connectTimeoutMs: 1500, readTimeoutMs: 3000 });
    expect(probeTimings(10_000)).toEqual({ connectTimeoutMs: 10_000, readTimeoutMs: 5000 });
  });
});
