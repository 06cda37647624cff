// Liveness by one fping process for the whole list: addresses on stdin, each alive
// host reported the moment fping prints it.
import { PromsteadError } from '@shared/contract';
import { spawnLines, type SpawnLinesResult } from './spawn-lines';

export interface IcmpSweepOptions {
  timeoutMs: number;
  retries: number;
  packetsPerSecond: number;
  signal: AbortSignal;
  onAlive: (address: string, latencyMs: number | undefined) => void;
}

/** fping multiplies the timeout by this after each retry (its -B default). */
const fpingBackoff = 1.5;

/** The gap fping leaves between any two packets: -i, in whole milliseconds, at least 1. */
export function fpingIntervalMs(packetsPerSecond: number): number {
  return Math.max(1, Math.round(1000 / packetsPerSecond));
}

export function fpingArgs(
  options: Pick<IcmpSweepOptions, 'timeoutMs' | 'retries' | 'packetsPerSecond'>,
): string[] {
  return [
    '-a', // alive targets only
    '-e', // with the round-trip time
    '-i',
    String(fpingIntervalMs(options.packetsPerSecond)),
    '-t',
    String(Math.max(1, Math.round(options.timeoutMs))),
    '-r',
    String(options.retries),
    '-f',
    '-', // targets on stdin: 65,536 addresses do not fit an argument list
  ];
}

const aliveLine = /^(\d{1,3}(?:\.\d{1,3}){3})(?: is alive)?(?: \((\d+(?:\.\d+)?) ms\))?$/;

/**
 * One line of fping's stdout: "10.0.0.1 (0.05 ms)" with -a -e, or "10.0.0.1 is alive
 * (0.05 ms)" without -a. A reply from another address ("… [<- 10.0.0.9]") says
 * nothing certain about the target, so it is not a match.
 */
export function parseFpingLine(line: string): { address: string; latencyMs?: number } | undefined {
  const match = aliveLine.exec(line.trim());
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { address: match[1] } : { address: match[1], latencyMs: Number(match[2]) };
}

/** How long fping can take for `count` targets, with room to spare; past it, it is stuck. */
export function fpingDeadlineMs(
  count: number,
  options: Pick<IcmpSweepOptions, 'timeoutMs' | 'retries' | 'packetsPerSecond'>,
): number {
  let waits = 0;
  for (let attempt = 0; attempt <= options.retries; attempt++)
    waits += options.timeoutMs * fpingBackoff ** attempt;
  const sending = count * (options.retries + 1) * fpingIntervalMs(options.packetsPerSecond);
  return sending + waits + 30_000;
}

export type FpingOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Exit 1 means some targets were unreachable: normal. 3 and 4 (bad option, no socket)
 * mean fping could not do the job; the caller may fall back to another method.
 */
export async function fpingSweep(
  fpingPath: string,
  addresses: readonly string[],
  options: IcmpSweepOptions,
): Promise<FpingOutcome> {
  if (addresses.length === 0) return { ok: true };
  const wanted = new Set(addresses);
  let found = 0;
  let result: SpawnLinesResult;
  try {
    result = await spawnLines(fpingPath, fpingArgs(options), {
      signal: options.signal,
      stdin: `${addresses.join('\n')}\n`,
      timeoutMs: fpingDeadlineMs(addresses.length, options),
      onLine: (line) => {
        const alive = parseFpingLine(line);
        if (!alive || !wanted.has(alive.address)) return;
        found += 1;
        options.onAlive(alive.address, alive.latencyMs);
      },
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    return {
      ok: false,
      reason: `fping could not start (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  }
  if (result.timedOut) {
    throw new PromsteadError(
      'TIMEOUT',
      `fping did not finish within ${Math.round(fpingDeadlineMs(addresses.length, options) / 1000)} s.`,
    );
  }
  if (result.code !== null && result.code >= 3 && found === 0) {
    const detail = result.stderr.trim().split('\n')[0] ?? '';
    return { ok: false, reason: `fping failed (exit ${result.code}${detail ? `: ${detail}` : ''})` };
  }
  return { ok: true };
}
