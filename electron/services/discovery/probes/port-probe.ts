// Probes one port: connects, then asks what the port's kind calls for. A closed port
// is undefined; an open port that answers nothing we know is listed as 'unknown'.
import type { Socket } from 'node:net';
import type { Service } from '@shared/contract';
import { probePostgres, probeRedis, readMysqlGreeting, parseMysqlGreeting } from './database-greeting';
import type { ProbeKind } from './port-table';
import type { ProbeScope } from './probe-scope';
import { parseSshBanner, readSshBanner } from './ssh-banner';
import { openSocket, readFromSocket } from './socket-io';
import { speaksTls } from './tls-handshake';
import { identifyDocker, identifyWeb, type WebTarget } from './web-identify';

export interface ProbeTimings {
  /** How long a TCP connect may take before the port counts as closed. */
  connectTimeoutMs: number;
  /** How long a greeting or an HTTP exchange may take once connected. */
  readTimeoutMs: number;
}

export interface PortProbeTarget {
  scope: ProbeScope;
  address: string;
  timings: ProbeTimings;
}

/**
 * Server-first protocols (SSH, MySQL) greet within milliseconds on a LAN, but MySQL may
 * first look up the client's name; a second is enough without stalling a silent port long.
 */
const maxGreetingWaitMs = 1000;

export async function probePort(
  target: PortProbeTarget,
  port: number,
  kind: ProbeKind | undefined,
): Promise<Service | undefined> {
  const socket = await openSocket(target.scope, target.address, port, target.timings.connectTimeoutMs);
  if (!socket) return undefined;
  try {
    return await identify(target, socket, port, kind);
  } finally {
    socket.destroy();
  }
}

async function identify(
  target: PortProbeTarget,
  socket: Socket,
  port: number,
  kind: ProbeKind | undefined,
): Promise<Service> {
  const { readTimeoutMs } = target.timings;
  const unknown: Service = { port, service: 'unknown' };
  const web: WebTarget = { scope: target.scope, address: target.address, port, timeoutMs: readTimeoutMs };
  switch (kind) {
    case 'ssh': {
      const banner = await readSshBanner(socket, readTimeoutMs);
      return banner ? { port, service: 'ssh', banner } : unknown;
    }
    case 'mysql': {
      const greeting = await readMysqlGreeting(socket, readTimeoutMs);
      if (!greeting) return unknown;
      return greeting.version
        ? { port, service: 'mysql', banner: greeting.version }
        : { port, service: 'mysql' };
    }
    case 'postgres':
      return (await probePostgres(socket, readTimeoutMs)) ? { port, service: 'postgres' } : unknown;
    case 'redis':
      return (await probeRedis(socket, readTimeoutMs)) ? { port, service: 'redis' } : unknown;
    case 'mongodb':
      // The wire protocol needs a BSON hello to say more; an open 27017 is taken as MongoDB.
      return { port, service: 'mongodb' };
    case 'docker-tls':
      return (await speaksTls(target.scope, socket, target.address, readTimeoutMs))
        ? { port, service: 'docker-tls' }
        : unknown;
    case 'docker':
      socket.destroy();
      return (await identifyDocker(web)) ?? (await identifyWebEither(web, false)) ?? unknown;
    case 'https':
      socket.destroy();
      return (await identifyWebEither(web, true)) ?? unknown;
    case 'http':
    case 'exporter':
      socket.destroy();
      return (await identifyWebEither(web, false)) ?? unknown;
    case undefined:
      return identifyGeneric(web, socket);
  }
}

/**
 * Tries the expected scheme, then the other: 8080 may be TLS, 8443 plain HTTP. A port
 * that keeps silent at a plain request is no TLS server either (one would answer the
 * stray bytes with an alert or an error page), so it does not get a second wait.
 */
async function identifyWebEither(web: WebTarget, tlsFirst: boolean): Promise<Service | undefined> {
  const first = await identifyWeb(web, tlsFirst);
  if (first.service) return first.service;
  if (first.silent && !tlsFirst) return undefined;
  return (await identifyWeb(web, !tlsFirst)).service;
}

/**
 * A port outside the table: listen for a server-first greeting (SSH, MySQL); if the port
 * stays silent, try HTTP and HTTPS. A port that says something else stays 'unknown'.
 */
async function identifyGeneric(web: WebTarget, socket: Socket): Promise<Service> {
  const greeting = await readFromSocket(socket, {
    timeoutMs: Math.min(web.timeoutMs, maxGreetingWaitMs),
    maxBytes: 8 * 1024,
    complete: (data) => parseSshBanner(data) !== undefined || parseMysqlGreeting(data) !== undefined,
  });
  socket.destroy();
  const port = web.port;
  const banner = parseSshBanner(greeting);
  if (banner) return { port, service: 'ssh', banner };
  const mysql = parseMysqlGreeting(greeting);
  if (mysql)
    return mysql.version ? { port, service: 'mysql', banner: mysql.version } : { port, service: 'mysql' };
  if (greeting.length > 0) return { port, service: 'unknown' };
  return (await identifyWebEither(web, false)) ?? { port, service: 'unknown' };
}
