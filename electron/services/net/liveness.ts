// Which addresses answer: one fping for the whole list when ICMP is permitted, the
// system ping per host when fping is missing, TCP connects when ICMP is not permitted.
// Alive hosts stream out as they are found; on abort nothing started outlives the call.
import { setMaxListeners } from 'node:events';
import { PromsteadError } from '@shared/contract';
import { RateLimiter } from '../concurrency';
import { findExecutable } from '../diagnostics';
import { fpingSweep, type FpingOutcome } from './fping-sweep';
import { checkIcmpPermission, type IcmpPermission } from './icmp-permission';
import { parseIPv4, printable } from './ip-address';
import { pingSweep } from './ping-sweep';
import { defaultTcpPorts, tcpSweep } from './tcp-sweep';

export type LivenessVia = 'icmp' | 'tcp';
export type LivenessMethod = 'fping' | 'ping' | 'tcp';

export interface SweepOptions {
  timeoutMs: number;
  retries: number;
  packetsPerSecond: number;
  signal: AbortSignal;
  onAlive: (address: string, latencyMs: number | undefined, via: LivenessVia) => void;
  /** 'auto' (the default) picks by permission and what is installed. */
  method?: 'auto' | LivenessMethod;
  /** Replaces the permission check (ping_group_range, then a ping to 127.0.0.1). */
  icmpPermitted?: () => Promise<boolean>;
  /** Ports for TCP liveness; defaultTcpPorts when absent. */
  tcpPorts?: readonly number[];
}

export interface SweepResult {
  method: LivenessMethod;
  alive: Map<string, { latencyMs?: number; via: LivenessVia }>;
  /** For a person: why this method, and how to get a better one. */
  notes: string[];
}

const allowICMP = "To allow ICMP: sudo sysctl -w net.ipv4.ping_group_range='0 2147483647'.";

function validate(addresses: readonly string[], options: SweepOptions): void {
  const bad = addresses.find((address) => 'problem' in parseIPv4(address));
  if (bad !== undefined) {
    throw new PromsteadError('VALIDATION', `"${printable(bad)}" is not an IPv4 address.`);
  }
  const ranges: Array<[string, number, number, number]> = [
    ['timeoutMs', options.timeoutMs, 1, 60_000],
    ['retries', options.retries, 0, 10],
    ['packetsPerSecond', options.packetsPerSecond, 1, 100_000],
  ];
  for (const [name, value, low, high] of ranges) {
    if (!Number.isInteger(value) || value < low || value > high) {
      throw new PromsteadError(
        'VALIDATION',
        `${name} must be a whole number from ${low} to ${high}, not ${value}.`,
      );
    }
  }
  const ports = options.tcpPorts ?? defaultTcpPorts;
  if (ports.length === 0 || ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65_535)) {
    throw new PromsteadError('VALIDATION', 'tcpPorts must be one or more TCP ports (1–65535).');
  }
}

/** The job runner aborts with a CANCELLED error; any other reason becomes one. */
function cancelled(signal: AbortSignal): PromsteadError {
  const reason: unknown = signal.reason;
  if (reason instanceof PromsteadError) return reason;
  return new PromsteadError(
    'CANCELLED',
    reason instanceof Error ? reason.message : 'The sweep was cancelled.',
  );
}

async function icmpPermission(options: SweepOptions, pingPath: string | undefined): Promise<IcmpPermission> {
  if (options.icmpPermitted) {
    const permitted = await options.icmpPermitted();
    return permitted ? { permitted } : { permitted, restriction: 'ICMP is not permitted for this process' };
  }
  return checkIcmpPermission({ pingPath, signal: options.signal });
}

/** The three ways to sweep, bound to one sweep's addresses, options and result. */
interface Methods {
  fpingPath: string | undefined;
  pingPath: string | undefined;
  ports: readonly number[];
  fping: (path: string) => Promise<FpingOutcome>;
  ping: (path: string) => Promise<void>;
  tcp: () => Promise<void>;
}

async function methodsFor(
  addresses: readonly string[],
  options: SweepOptions,
  result: SweepResult,
): Promise<Methods> {
  const report = (address: string, latencyMs: number | undefined, via: LivenessVia): void => {
    if (result.alive.has(address)) return;
    result.alive.set(address, latencyMs === undefined ? { via } : { latencyMs, via });
    options.onAlive(address, latencyMs, via);
  };
  const icmp = {
    ...options,
    onAlive: (address: string, ms: number | undefined) => report(address, ms, 'icmp'),
  };
  const limiter = new RateLimiter(options.packetsPerSecond);
  const ports = options.tcpPorts ?? defaultTcpPorts;
  const [fpingPath, pingPath] = await Promise.all([findExecutable('fping'), findExecutable('ping')]);
  return {
    fpingPath,
    pingPath,
    ports,
    fping: (path) => {
      result.method = 'fping';
      return fpingSweep(path, addresses, icmp);
    },
    ping: (path) => {
      result.method = 'ping';
      return pingSweep(path, addresses, { ...icmp, limiter });
    },
    tcp: () => {
      result.method = 'tcp';
      const onAlive = (address: string, ms: number): void => report(address, ms, 'tcp');
      return tcpSweep(addresses, { ...options, ports, limiter, onAlive });
    },
  };
}

async function runChosen(method: LivenessMethod, methods: Methods): Promise<void> {
  if (method === 'tcp') return methods.tcp();
  if (method === 'ping') {
    if (!methods.pingPath) throw new PromsteadError('NOT_FOUND', 'The system ping was not found.');
    return methods.ping(methods.pingPath);
  }
  if (!methods.fpingPath) {
    throw new PromsteadError('NOT_FOUND', 'fping is not installed (apt install fping, brew install fping).');
  }
  const outcome = await methods.fping(methods.fpingPath);
  if (!outcome.ok) throw new PromsteadError('ICMP_NOT_PERMITTED', `${outcome.reason}.`);
}

/** fping when ICMP is permitted, else the system ping, else TCP; each step says why in the notes. */
async function runAuto(options: SweepOptions, methods: Methods, notes: string[]): Promise<void> {
  const { fpingPath, pingPath, ports } = methods;
  const byTcp = `liveness by TCP connect to ${ports.length} common ports; hosts found this way are marked up (tcp)`;
  const permission = await icmpPermission(options, pingPath);
  if (!permission.permitted) {
    notes.push(`${permission.restriction ?? 'ICMP is not permitted'}: ${byTcp}. ${allowICMP}`);
    return methods.tcp();
  }
  if (permission.restriction) {
    notes.push(`${permission.restriction}; the system ping works because it carries its own privilege.`);
  }
  if (fpingPath) {
    const outcome = await methods.fping(fpingPath);
    if (outcome.ok) return;
    notes.push(`${outcome.reason}; used the system ping instead.`);
  } else if (pingPath) {
    notes.push('fping is not installed: liveness by the system ping, one process per address (slower).');
  }
  if (!pingPath) {
    notes.push(`Neither fping nor ping was found: ${byTcp}.`);
    return methods.tcp();
  }
  try {
    await methods.ping(pingPath);
  } catch (error) {
    // The system ping may not send ICMP at all (so it found nothing): TCP instead.
    const denied = error instanceof PromsteadError && error.code === 'ICMP_NOT_PERMITTED';
    if (!denied || options.signal.aborted) throw error;
    notes.push(`${error.message} Instead, ${byTcp}.`);
    return methods.tcp();
  }
}

export async function sweep(addresses: readonly string[], options: SweepOptions): Promise<SweepResult> {
  validate(addresses, options);
  if (options.signal.aborted) throw cancelled(options.signal);
  const result: SweepResult = { method: 'tcp', alive: new Map(), notes: [] };
  const unique = [...new Set(addresses)];
  // Every in-flight ping and socket listens for the abort: on a signal of our own, so
  // the caller's gets one listener, and without the warning past ten (the pools bound them).
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const forward = (): void => internal.abort(options.signal.reason);
  options.signal.addEventListener('abort', forward, { once: true });
  try {
    const inner = { ...options, signal: internal.signal };
    const methods = await methodsFor(unique, inner, result);
    const method = options.method ?? 'auto';
    if (method === 'auto') await runAuto(inner, methods, result.notes);
    else await runChosen(method, methods);
  } catch (error) {
    if (options.signal.aborted) throw cancelled(options.signal);
    throw error;
  } finally {
    options.signal.removeEventListener('abort', forward);
  }
  if (options.signal.aborted) throw cancelled(options.signal);
  return result;
}
