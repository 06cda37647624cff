// querySnmp against a UDP socket on 127.0.0.1 that never answers: the cheap timeout,
// cancellation and validation, without the lab. The lab's real agents are in
// test/integration/snmp.test.ts.
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { querySnmp } from './snmp-query';
import type { SnmpQueryOptions } from './snmp-types';

let silent: Socket;
let port: number;
const baseOptions = (): SnmpQueryOptions => ({
  communities: ['public'],
  v3: [],
  timeoutMs: 300,
  retries: 0,
  port,
});
const udpHandles = (): number => process.getActiveResourcesInfo().filter((name) => name === 'UDPWrap').length;
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  port = silent.address().port;
});

afterAll(() => {
  silent.close();
});

describe('querySnmp against a silent host', () => {
  it('gives SNMP_TIMEOUT after about one timeout, trying v2c and v1 together', async () => {
    const started = performance.now();
    const result = await querySnmp('127.0.0.1', baseOptions());
    const elapsed = performance.now() - started;
    expect(result.info).toBeUndefined();
    expect(result.error?.code).toBe('SNMP_TIMEOUT');
    expect(result.error?.message).toContain('No SNMP answer from 127.0.0.1 with community public (v2c, v1)');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(550);
  });

  it('never names a typed community in its error', async () => {
    const result = await querySnmp('127.0.0.1', { ...baseOptions(), communities: ['my-secret-ro'] });
    expect(JSON.stringify(result)).not.toContain('my-secret-ro');
    expect(result.error?.message).toContain('community #1 (v2c, v1)');
  });

  it('rejects with CANCELLED at once when aborted, and closes its sockets', async () => {
    const before = udpHandles();
    const controller = new AbortController();
    const query = querySnmp('127.0.0.1', {
      ...baseOptions(),
      communities: ['public', 'second'],
      v3: [{ user: 'promstead', level: 'noAuthNoPriv' }],
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    await settle(50);
    expect(udpHandles()).toBeGreaterThan(before);
    controller.abort();
    await expect(query).rejects.toMatchObject({ code: 'CANCELLED' });
    await settle(20);
    expect(udpHandles()).toBe(before);
  });

  it('rejects with CANCELLED before sending anything when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      querySnmp('127.0.0.1', { ...baseOptions(), signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('querySnmp options', () => {
  it.each([
    ['no credential at all', { communities: [], v3: [] }],
    ['a zero timeout', { timeoutMs: 0 }],
    ['negative retries', { retries: -1 }],
    ['a port out of range', { port: 70_000 }],
    ['an empty community', { communities: [''] }],
  ])('rejects %s with VALIDATION', async (_name, change) => {
    await expect(querySnmp('127.0.0.1', { ...baseOptions(), ...change })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('reports a v3 user without its keys as VALIDATION', async () => {
    const result = await querySnmp('127.0.0.1', {
      ...baseOptions(),
      communities: [],
      v3: [{ user: 'promstead', level: 'authPriv', authProtocol: 'sha' }],
    });
    expect(result.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('promstead') });
  });
});
