// Turns what a person typed as scan targets into the list of IPv4 addresses to probe,
// refusing — with the entry and the reason — anything malformed, too large or unsafe.
import { lookup } from 'node:dns/promises';
import { errorText, PromsteadError } from '@shared/contract';
import { numberToIp, parseIPv4, printable, refusedRangeReason } from './ip-address';
import {
  maxAddresses,
  maxLargeAddresses,
  parseTargetEntry,
  splitTargets,
  type TargetEntry,
} from './target-entry';

export interface ParsedTargets {
  /** Unique IPv4 addresses, in numeric order. */
  addresses: string[];
  /** Address → the host name the person gave for it. */
  hostnames: Record<string, string>;
}

export interface ParseTargetsOptions {
  /** Allow up to a /12 (1,048,576 addresses) instead of a /16. */
  allowLarge?: boolean;
  /** Host name → its IPv4 addresses; dns.lookup by default. */
  resolve?: (hostname: string) => Promise<string[]>;
  resolveTimeoutMs?: number;
}

/** More entries than this is not a person typing; the contract allows 64 strings. */
const maxEntries = 1024;
const maxProblemsShown = 5;

async function lookupIPv4(hostname: string): Promise<string[]> {
  const found = await lookup(hostname, { all: true, family: 4 });
  return found.map((entry) => entry.address);
}

function fail(problems: readonly string[]): never {
  const shown = problems.slice(0, maxProblemsShown).join('; ');
  const more = problems.length > maxProblemsShown ? ` (and ${problems.length - maxProblemsShown} more)` : '';
  const message = `Invalid target${problems.length > 1 ? 's' : ''}: ${shown}${more}`;
  throw new PromsteadError('VALIDATION', /[.?]$/.test(message) ? message : `${message}.`);
}

/** The addresses a host name resolves to, or why it cannot be scanned. */
async function resolveEntry(
  hostname: string,
  resolve: (hostname: string) => Promise<string[]>,
  timeoutMs: number,
): Promise<{ values: number[] } | { problem: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
  });
  let addresses: string[];
  try {
    addresses = await Promise.race([resolve(hostname), timeout]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = code ?? errorText(error);
    return { problem: `the host name does not resolve to an IPv4 address (${detail})` };
  } finally {
    clearTimeout(timer);
  }
  if (addresses.length === 0) return { problem: 'the host name has no IPv4 address' };
  const values: number[] = [];
  for (const address of addresses) {
    const parsed = parseIPv4(address);
    if ('problem' in parsed) return { problem: `the resolver answered "${printable(address)}"` };
    const refused = refusedRangeReason(parsed.value, parsed.value);
    if (refused) return { problem: `resolves to ${address}, which is ${refused}` };
    values.push(parsed.value);
  }
  return { values };
}

export async function parseTargets(
  targets: readonly string[],
  options: ParseTargetsOptions = {},
): Promise<ParsedTargets> {
  const limit = options.allowLarge ? maxLargeAddresses : maxAddresses;
  const tokens = splitTargets(targets);
  if (tokens.length === 0) {
    throw new PromsteadError('VALIDATION', 'No targets: give a CIDR, a range, an address or a host name.');
  }
  if (tokens.length > maxEntries) {
    throw new PromsteadError('VALIDATION', `${tokens.length} target entries; at most ${maxEntries}.`);
  }

  // Every entry is checked before any is resolved: one bad entry stops the whole scan.
  const problems: string[] = [];
  const entries: TargetEntry[] = [];
  for (const token of tokens) {
    const result = parseTargetEntry(token, options.allowLarge);
    if ('problem' in result) problems.push(`"${printable(token)}": ${result.problem}`);
    else entries.push(result.entry);
  }
  if (problems.length > 0) fail(problems);

  // Counted before enumerating, overlaps included, so no input makes us build a huge set.
  const total = entries.reduce(
    (sum, entry) => sum + (entry.kind === 'range' ? entry.last - entry.first + 1 : 1),
    0,
  );
  if (total > limit)
    fail([`${total.toLocaleString('en-US')} addresses in all; at most ${limit.toLocaleString('en-US')}`]);

  const resolve = options.resolve ?? lookupIPv4;
  const timeoutMs = options.resolveTimeoutMs ?? 10_000;
  const resolved = await Promise.all(
    entries.map((entry) =>
      entry.kind === 'hostname' ? resolveEntry(entry.hostname, resolve, timeoutMs) : undefined,
    ),
  );

  const values = new Set<number>();
  const hostnameOf = new Map<number, string>();
  entries.forEach((entry, index) => {
    if (entry.kind === 'range') {
      for (let value = entry.first; value <= entry.last; value++) values.add(value);
      return;
    }
    const result = resolved[index];
    if (!result) return;
    if ('problem' in result) {
      problems.push(`"${printable(entry.text)}": ${result.problem}`);
      return;
    }
    for (const value of result.values) {
      values.add(value);
      if (!hostnameOf.has(value)) hostnameOf.set(value, entry.hostname);
    }
  });
  if (problems.length > 0) fail(problems);
  if (values.size > limit)
    fail([
      `${values.size.toLocaleString('en-US')} addresses in all; at most ${limit.toLocaleString('en-US')}`,
    ]);

  const sorted = Uint32Array.from(values).sort();
  const hostnames: Record<string, string> = {};
  for (const [value, hostname] of hostnameOf) hostnames[numberToIp(value)] = hostname;
  return { addresses: Array.from(sorted, numberToIp), hostnames };
}
