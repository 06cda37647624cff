// Telling a database by what it answers first, without credentials: MySQL and MariaDB
// greet with their version, Postgres answers an SSLRequest with one byte, Redis a PING.
import type { Socket } from 'node:net';
import { printableText } from './printable-text';
import { readFromSocket } from './socket-io';

/** The SSLRequest message: length 8, then the magic code 80877103 (1234.5679). */
const postgresSslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export interface MysqlGreeting {
  /** The server version string; absent when the server refused us with an error packet. */
  version?: string;
}

/**
 * The initial handshake packet: 3-byte length, sequence 0, then protocol 10 and a
 * NUL-terminated version. An error packet (0xff) instead still proves a MySQL server:
 * it says so when our address may not connect or there are too many connections.
 */
export function parseMysqlGreeting(received: Buffer): MysqlGreeting | undefined {
  if (received.length < 5) return undefined;
  const length = received.readUIntLE(0, 3);
  if (received[3] !== 0 || length < 3 || received.length < 4 + length) return undefined;
  const payload = received.subarray(4, 4 + length);
  if (payload[0] === 0x0a) {
    const end = payload.indexOf(0, 1);
    if (end <= 1) return undefined;
    const raw = payload.toString('latin1', 1, end);
    if (!/^\d+\.\d+/.test(raw)) return undefined;
    // MariaDB prefixes "5.5.5-" so old clients do not take 10.x for a MySQL 10.
    const version = printableText(raw.replace(/^5\.5\.5-(?=\d+\.\d+.*MariaDB)/, ''), 100);
    return version ? { version } : {};
  }
  if (payload[0] === 0xff) {
    const code = payload.readUInt16LE(1);
    return code >= 1000 && code < 5000 ? {} : undefined;
  }
  return undefined;
}

/** The greeting is one packet; wait for all of it, or for bytes that cannot be one. */
function mysqlGreetingComplete(received: Buffer): boolean {
  if (received.length < 4) return false;
  return received.length >= 4 + received.readUIntLE(0, 3);
}

export async function readMysqlGreeting(
  socket: Socket,
  timeoutMs: number,
): Promise<MysqlGreeting | undefined> {
  const received = await readFromSocket(socket, {
    timeoutMs,
    maxBytes: 4 * 1024,
    complete: mysqlGreetingComplete,
  });
  return parseMysqlGreeting(received);
}

/**
 * 'S' (go ahead with TLS) or 'N' (no TLS here), and nothing more: a server that sends
 * more, like an SSH banner starting with 'S', is not Postgres.
 */
export function isPostgresSslAnswer(received: Buffer): boolean {
  return received.length === 1 && (received[0] === 0x53 || received[0] === 0x4e);
}

export async function probePostgres(socket: Socket, timeoutMs: number): Promise<boolean> {
  socket.write(postgresSslRequest);
  const received = await readFromSocket(socket, {
    timeoutMs,
    maxBytes: 512,
    complete: (data) => data.length > 0,
  });
  return isPostgresSslAnswer(received);
}

/**
 * +PONG from an open Redis; -NOAUTH from one with a password (the lab's); -DENIED from
 * one in protected mode that refuses remote clients. All three prove it is Redis.
 */
export function isRedisAnswer(received: Buffer): boolean {
  const line = received.toString('latin1');
  return /^(\+PONG|-NOAUTH |-DENIED )/.test(line);
}

export async function probeRedis(socket: Socket, timeoutMs: number): Promise<boolean> {
  socket.write('PING\r\n');
  const received = await readFromSocket(socket, {
    timeoutMs,
    maxBytes: 1024,
    complete: (data) => data.includes('\r\n'),
  });
  return isRedisAnswer(received);
}
