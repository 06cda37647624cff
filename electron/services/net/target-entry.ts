// The grammar of one scan target — a CIDR, a range, an address or a hostname — checked
// before anything is resolved or probed. Pure, so hostile input is unit-tested.
import { blockSize, parseIPv4, printable, refusedRangeReason } from './ip-address';

/** Addresses a scan may cover without the "large scan" switch: a /16. */
export const maxAddresses = 65_536;
/** The hard ceiling even with the switch: a /12. */
export const maxLargeAddresses = 1_048_576;

export type TargetEntry =
  | { kind: 'range'; text: string; first: number; last: number }
  | { kind: 'hostname'; text: string; hostname: string };

export type EntryResult = { entry: TargetEntry } | { problem: string };

/**
 * Splits the person's strings into entries on whitespace and commas. Not on ';' or
 * anything else: "; rm -rf /" must stay one bad entry, not become a hostname "rm".
 * "10.0.0.1 - 10.0.0.9" is joined back into one range.
 */
export function splitTargets(targets: readonly string[]): string[] {
  return targets.flatMap((text) =>
    text
      .replace(/(\d)\s*-\s*(\d)/g, '$1-$2')
      .split(/[\s,]+/)
      .filter((token) => token.length > 0),
  );
}

const hostnameLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * RFC 1123 host names: letters, digits and inner hyphens, labels up to 63, 253 in all.
 * A name whose last label is all digits is refused: resolvers read "10.1" or "1.2.3.400"
 * as addresses in odd ways, and a person typing digits meant an address.
 */
export function isValidHostname(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => hostnameLabel.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

function range(text: string, first: number, last: number, limit: number): EntryResult {
  const count = last - first + 1;
  if (count > limit) {
    return {
      problem: `${count.toLocaleString('en-US')} addresses; at most ${limit.toLocaleString('en-US')}`,
    };
  }
  const refused = refusedRangeReason(first, last);
  if (refused) return { problem: `${first === last ? 'is' : 'includes'} ${refused}` };
  return { entry: { kind: 'range', text, first, last } };
}

function parseCidr(text: string, allowLarge: boolean): EntryResult {
  const parts = text.split('/');
  if (parts.length !== 2)
    return { problem: 'a CIDR has one address and one prefix length, like 192.168.1.0/24' };
  const [addressText = '', prefixText = ''] = parts;
  const address = parseIPv4(addressText);
  if ('problem' in address) return { problem: `the address part is ${address.problem}` };
  if (!/^(?:[0-9]|[12][0-9]|3[0-2])$/.test(prefixText)) {
    return { problem: `"/${printable(prefixText)}" is not a prefix length from /0 to /32` };
  }
  const prefix = Number(prefixText);
  const shortest = allowLarge ? 12 : 16;
  if (prefix < shortest) {
    return {
      problem: allowLarge
        ? `a /${prefix} is too large: at most a /12 (1,048,576 addresses)`
        : `a /${prefix} is too large: at most a /16 (65,536 addresses) unless large scans are allowed`,
    };
  }
  const size = blockSize(prefix);
  // A person often types their own address with the mask (192.168.1.23/24): take its network.
  const network = address.value - (address.value % size);
  // /31 and /32 have no network or broadcast address to skip (RFC 3021).
  const [first, last] = prefix >= 31 ? [network, network + size - 1] : [network + 1, network + size - 2];
  return range(text, first, last, allowLarge ? maxLargeAddresses : maxAddresses);
}

function parseRange(text: string, allowLarge: boolean): EntryResult {
  const parts = text.split('-');
  if (parts.length !== 2) return { problem: 'a range has one start and one end' };
  const [startText = '', endText = ''] = parts;
  const start = parseIPv4(startText);
  if ('problem' in start) return { problem: `the start is ${start.problem}` };
  let end: number;
  if (/^\d{1,3}$/.test(endText)) {
    const octet = parseIPv4(`0.0.0.${endText}`);
    if ('problem' in octet) return { problem: `the end: ${octet.problem}` };
    end = start.value - (start.value % 256) + octet.value;
  } else {
    const full = parseIPv4(endText);
    if ('problem' in full) return { problem: `the end is ${full.problem}` };
    end = full.value;
  }
  if (end < start.value) return { problem: 'the range is reversed: its end comes before its start' };
  return range(text, start.value, end, allowLarge ? maxLargeAddresses : maxAddresses);
}

/** Parses one entry; never resolves, never throws. */
export function parseTargetEntry(text: string, allowLarge = false): EntryResult {
  if (text.length > 255) return { problem: 'longer than 255 characters' };
  if (text.includes(':')) {
    return /^[0-9a-f:.%]+(?:\/\d{1,3})?$/i.test(text) && text.split(':').length > 2
      ? { problem: 'IPv6 is not supported yet; give an IPv4 address, range or CIDR' }
      : { problem: 'not an address, range, CIDR or host name (ports are not part of a target)' };
  }
  if (text.includes('/')) return parseCidr(text, allowLarge);
  if (/^\d+(?:\.\d+){3}-/.test(text)) return parseRange(text, allowLarge);
  if (/^[\d.]+$/.test(text)) {
    const address = parseIPv4(text);
    if ('problem' in address) return { problem: address.problem };
    return range(text, address.value, address.value, maxAddresses);
  }
  if (isValidHostname(text)) {
    const hostname = text.endsWith('.') ? text.slice(0, -1) : text;
    return { entry: { kind: 'hostname', text, hostname } };
  }
  return { problem: 'not an address, range (10.0.0.1-10.0.0.50 or 10.0.0.1-50), CIDR or host name' };
}
