// Liveness without ICMP: a host is there if any common port accepts a TCP connection
// or actively refuses one (a reset comes from the host itself).
import { setMaxListeners } from 'node:events';
import { mapConcurrent, Semaphore, type RateLimiter } from '../concurrency';
import { tcpConnect, type TcpConnectResult } from './tcp-connect';

/**
 * Ports a home device likely answers on, most telling first: SSH, web, SMB/NetBIOS,
 * RDP, DNS, IPP and JetDirect printers, Synology DSM, Proxmox, alternate HTTP(S), and
 * 62078 (iPhone sync), which answers on phones that expose nothing else.
 */
export const defaultTcpPorts = [
  22, 80, 443, 445, 139, 3389, 53, 631, 9100, 5000, 8006, 8080, 8443, 62078,
] as const satisfies readonly number[];

/**
 * Hosts probed at once, and sockets open at once: half of the 1,024 files a process may
 * open by default on Linux. A dead host holds one socket per port until the timeout, so
 * this, over the timeout, bounds a sweep's speed as much as the packet rate does.
 */
export const tcpHostConcurrency = 64;
export const maxOpenSockets = 512;

export interface TcpSweepOptions {
  ports: readonly number[];
  timeoutMs: number;
  retries: number;
  signal: AbortSignal;
  limiter: RateLimiter;
  onAlive: (address: string, latencyMs: number) => void;
}

function answered(result: TcpConnectResult): boolean {
  return result.state === 'open' || result.state === 'refused';
}

/** The first answer's latency, or undefined when no port answered on any attempt. */
async function probeHost(
  address: string,
  options: TcpSweepOptions,
  sockets: Semaphore,
): Promise<number | undefined> {
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    // Aborted as soon as one port answers, so the host's other probes stop at once.
    const answeredController = new AbortController();
    const signal = AbortSignal.any([options.signal, answeredController.signal]);
    setMaxListeners(0, signal); // one listener per port probe, bounded by the port list
    const probes: Promise<void>[] = [];
    let latencyMs: number | undefined;
    let sawTimeout = false;
    let failure: { error: unknown } | undefined;
    for (const port of options.ports) {
      if (signal.aborted) break;
      let release: () => void;
      try {
        release = await sockets.acquire(signal);
        await options.limiter.take(signal).catch((error: unknown) => {
          release();
          throw error;
        });
      } catch {
        break; // answered or cancelled; the checks below tell which
      }
      probes.push(
        tcpConnect(address, port, { timeoutMs: options.timeoutMs, signal })
          .then(
            (result) => {
              if (answered(result)) {
                latencyMs ??= result.latencyMs;
                answeredController.abort();
              } else if (result.state === 'timeout') sawTimeout = true;
            },
            (error: unknown) => {
              if (!signal.aborted) failure ??= { error };
            },
          )
          .finally(release),
      );
    }
    await Promise.all(probes);
    if (options.signal.aborted) throw options.signal.reason;
    if (failure) throw failure.error;
    if (latencyMs !== undefined) return latencyMs;
    // Every port unreachable (no ARP reply, no route): another round will not help.
    if (!sawTimeout) return undefined;
  }
  return undefined;
}

export async function tcpSweep(addresses: readonly string[], options: TcpSweepOptions): Promise<void> {
  const sockets = new Semaphore(maxOpenSockets);
  await mapConcurrent(
    addresses,
    tcpHostConcurrency,
    async (address) => {
      const latencyMs = await probeHost(address, options, sockets);
      if (latencyMs !== undefined) options.onAlive(address, latencyMs);
    },
    options.signal,
  );
}
