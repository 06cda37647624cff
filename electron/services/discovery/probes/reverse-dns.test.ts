import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { cleanHostname, reverseLookup } from './reverse-dns';

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

function encodeName(name: string): Buffer {
  const labels = name.split('.').filter((label) => label.length > 0);
  return Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])),
    Buffer.from([0]),
  ]);
}

/**
 * A DNS server on 127.0.0.1 that answers every PTR query with `answers` (none: NXDOMAIN),
 * or stays silent when `answers` is undefined.
 */
async function dnsServer(answers: string[] | undefined): Promise<string> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  socket.on('message', (query, remote) => {
    if (!answers) return;
    let end = 12;
    while (end < query.length && query[end] !== 0) end += (query[end] ?? 0) + 1;
    const question = query.subarray(12, end + 5);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(answers.length > 0 ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const records = answers.map((answer) => {
      const data = encodeName(answer);
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0);
      fixed.writeUInt16BE(12, 2);
      fixed.writeUInt16BE(1, 4);
      fixed.writeUInt32BE(60, 6);
      fixed.writeUInt16BE(data.length, 10);
      return Buffer.concat([fixed, data]);
    });
    socket.send(Buffer.concat([header, question, ...records]), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(socket.address() as AddressInfo).port}`;
}

describe('reverseLookup', () => {
  it('gives the PTR name without its trailing dot', async () => {
    const server = await dnsServer(['diskstation.home.lan']);
    const name = await reverseLookup('10.203.0.20', {
      timeoutMs: 2000,
      signal: new AbortController().signal,
      servers: [server],
    });
    expect(name).toBe('diskstation.home.lan');
  });

  it('skips a PTR answer that is no host name', async () => {
    const server = await dnsServer(['<script>', 'nas.lan']);
    const name = await reverseLookup('10.203.0.20', {
      timeoutMs: 2000,
      signal: new AbortController().signal,
      servers: [server],
    });
    expect(name).toBe('nas.lan');
  });

  it('gives undefined for NXDOMAIN, a non-address, and a silent server within its timeout', async () => {
    const signal = new AbortController().signal;
    expect(
      await reverseLookup('10.203.0.20', { timeoutMs: 2000, signal, servers: [await dnsServer([])] }),
    ).toBeUndefined();
    expect(await reverseLookup('not-an-address', { timeoutMs: 2000, signal })).toBeUndefined();
    const silent = await dnsServer(undefined);
    expect(await reverseLookup('10.203.0.20', { timeoutMs: 300, signal, servers: [silent] })).toBeUndefined();
  });

  it('rejects with CANCELLED at once when cancelled', async () => {
    const silent = await dnsServer(undefined);
    const controller = new AbortController();
    const lookup = reverseLookup('10.203.0.20', {
      timeoutMs: 5000,
      signal: controller.signal,
      servers: [silent],
    });
    setTimeout(() => controller.abort(new PromsteadError('CANCELLED', 'The job was cancelled.')), 20);
    await expect(lookup).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      reverseLookup('10.0.0.1', { timeoutMs: 100, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('cleanHostname', () => {
  it('keeps host names and refuses the rest', () => {
    expect(cleanHostname('nas.home.lan.')).toBe('nas.home.lan');
    expect(cleanHostname('host_1')).toBe('host_1');
    expect(cleanHostname('.')).toBeUndefined();
    expect(cleanHostname('a b')).toBeUndefined();
    expect(cleanHostname('-bad.lan')).toBeUndefined();
    expect(cleanHostname(`${'a'.repeat(60)}.`.repeat(5))).toBeUndefined();
  });
});
