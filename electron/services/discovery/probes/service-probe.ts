// Finds and identifies the services on one host: connects to each port with bounded
// concurrency, asks each open port what it is, and stops everything at once on cancel.
import type { Service } from '@shared/contract';
import { probePort, type PortProbeTarget, type ProbeTimings } from './port-probe';
import { probeKindForPort } from './port-table';
import { cancelledError, ProbeScope } from './probe-scope';
import { mapConcurrent } from '../../concurrency';

export interface ProbeServicesOptions {
  ports: readonly number[];
  /** The connect timeout; greetings and HTTP exchanges get a little more (see probeTimings). */
  timeoutMs: number;
  signal: AbortSignal;
  /** Ports probed at once on this host; a small NAS should not see a burst of hundreds. */
  concurrency?: number;
}

const defaultConcurrency = 8;
const maxConcurrency = 64;

/** Open ports with what answers on them, sorted by port. Closed ports are absent. Rejects only on cancel. */
export async function probeServices(address: string, options: ProbeServicesOptions): Promise<Service[]> {
  const { signal } = options;
  if (signal.aborted) throw cancelledError(signal);
  const ports = [...new Set(options.ports)].filter(
    (port) => Number.isInteger(port) && port > 0 && port < 65_536,
  );
  const concurrency = Math.min(
    Math.max(Math.floor(options.concurrency ?? defaultConcurrency), 1),
    maxConcurrency,
  );
  const scope = new ProbeScope(signal);
  const target: PortProbeTarget = { scope, address, timings: probeTimings(options.timeoutMs) };
  try {
    const found = await scope.race(mapConcurrent(ports, concurrency, (port) => probeSafely(target, port)));
    return found
      .filter((service): service is Service => service !== undefined)
      .sort((a, b) => a.port - b.port);
  } finally {
    scope.dispose();
  }
}

/**
 * The scan's timeout is tuned for a connect on the LAN; a web interface or a database
 * greeting can take longer to produce, so those get twice as long, within 1–5 s.
 */
export function probeTimings(timeoutMs: number): ProbeTimings {
  return { connectTimeoutMs: timeoutMs, readTimeoutMs: Math.min(Math.max(timeoutMs * 2, 1000), 5000) };
}

async function probeSafely(target: PortProbeTarget, port: number): Promise<Service | undefined> {
  if (target.scope.aborted) return undefined;
  try {
    return await probePort(target, port, probeKindForPort(port));
  } catch {
    // A probe that trips over a device's odd answer must not cost the host its other ports.
    return undefined;
  }
}
