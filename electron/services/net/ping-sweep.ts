// Liveness by the system ping, one process per address (it carries its own privilege,
// so it works for users who may not open ICMP sockets), bounded and paced.
import { PromsteadError } from '@shared/contract';
import { mapConcurrent, type RateLimiter } from '../concurrency';
import { runCommand } from '../diagnostics';
import type { IcmpSweepOptions } from './fping-sweep';

/** Pings in flight at once: each is a process. */
export const pingConcurrency = 64;

/** One echo request, waiting at most timeoutMs for the reply; no name lookups. */
export function pingArgs(platform: NodeJS.Platform, address: string, timeoutMs: number): string[] {
  if (platform === 'win32') return ['-n', '1', '-w', String(Math.max(1, Math.round(timeoutMs))), address];
  if (platform === 'linux') {
    // iputils takes a fractional -W (seconds); busybox would want whole seconds.
    return ['-n', '-c', '1', '-W', (Math.max(1, timeoutMs) / 1000).toFixed(3), address];
  }
  // macOS and the BSDs: -t is the whole run's limit, in whole seconds.
  return ['-n', '-c', '1', '-t', String(Math.max(1, Math.ceil(timeoutMs / 1000))), address];
}

/**
 * Alive when ping exits 0 — except on Windows, where a "Destination host unreachable"
 * from a router also exits 0: there only a reply with a TTL counts.
 */
export function parsePingResult(
  platform: NodeJS.Platform,
  code: number | null,
  stdout: string,
): { alive: boolean; latencyMs?: number } {
  const alive = code === 0 && (platform !== 'win32' || /TTL=/i.test(stdout));
  if (!alive) return { alive: false };
  const time = /time[=<]\s*(\d+(?:\.\d+)?)\s*ms/i.exec(stdout);
  return time?.[1] === undefined ? { alive } : { alive, latencyMs: Number(time[1]) };
}

/** Lines ping prints when it may not send ICMP at all, rather than getting no reply. */
const notPermitted = /operation not permitted|permission denied|cap_net_raw|must be root/i;

export async function pingOnce(
  pingPath: string,
  address: string,
  options: { timeoutMs: number; signal: AbortSignal; platform?: NodeJS.Platform },
): Promise<{ alive: boolean; latencyMs?: number }> {
  if (options.signal.aborted) throw options.signal.reason;
  const platform = options.platform ?? process.platform;
  const result = await runCommand(pingPath, pingArgs(platform, address, options.timeoutMs), {
    // ping stops itself at the timeout; this only guards against a stuck process.
    timeoutMs: options.timeoutMs + 5000,
    signal: options.signal,
  });
  if (result.code !== 0 && result.code !== 1 && notPermitted.test(result.stderr)) {
    throw new PromsteadError(
      'ICMP_NOT_PERMITTED',
      `The system ping may not send ICMP: ${result.stderr.trim()}`,
    );
  }
  return parsePingResult(platform, result.code, result.stdout);
}

export async function pingSweep(
  pingPath: string,
  addresses: readonly string[],
  options: IcmpSweepOptions & { limiter: RateLimiter },
): Promise<void> {
  await mapConcurrent(
    addresses,
    pingConcurrency,
    async (address) => {
      // Each retry is a new process: ping -c 2 would wait for both replies.
      for (let attempt = 0; attempt <= options.retries; attempt++) {
        await options.limiter.take(options.signal);
        const reply = await pingOnce(pingPath, address, options);
        if (reply.alive) {
          options.onAlive(address, reply.latencyMs);
          return;
        }
      }
    },
    options.signal,
  );
}
