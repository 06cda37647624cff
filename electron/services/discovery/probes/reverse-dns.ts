// A host's name from reverse DNS (PTR). Many homelabs have no resolver that knows
// their devices, so the lookup is bounded hard and its failure is just "no name".
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { cancelledError } from './probe-scope';

export interface ReverseLookupOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** DNS servers to ask ("10.0.0.1" or "127.0.0.1:5353"); the system's when absent. */
  servers?: readonly string[];
}

const hostnamePattern =
  /^[a-zA-Z0-9_]([a-zA-Z0-9_-]*[a-zA-Z0-9_])?(\.[a-zA-Z0-9_]([a-zA-Z0-9_-]*[a-zA-Z0-9_])?)*$/;

/** The first PTR name without its trailing dot; undefined on no answer, failure or timeout. Rejects only on cancel. */
export async function reverseLookup(
  address: string,
  options: ReverseLookupOptions,
): Promise<string | undefined> {
  const { signal } = options;
  if (signal.aborted) throw cancelledError(signal);
  if (isIP(address) === 0) return undefined;
  // c-ares would otherwise retry four times with growing timeouts: far past a scan's budget.
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.servers) resolver.setServers([...options.servers]);
  // The resolver's own timeout is per server and per try; this is the whole lookup's.
  const deadline = setTimeout(() => resolver.cancel(), options.timeoutMs);
  const onAbort = (): void => resolver.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const names = await resolver.reverse(address);
    return names.map(cleanHostname).find((name) => name !== undefined);
  } catch {
    if (signal.aborted) throw cancelledError(signal);
    return undefined;
  } finally {
    clearTimeout(deadline);
    signal.removeEventListener('abort', onAbort);
  }
}

/** A PTR answer is whatever the zone says: keep it only if it is a plausible host name. */
export function cleanHostname(name: string): string | undefined {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  return bare.length > 0 && bare.length <= 253 && hostnamePattern.test(bare) ? bare : undefined;
}
