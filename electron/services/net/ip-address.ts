// IPv4 addresses as 32-bit numbers, parsed strictly: scan targets come from a person
// (and from DNS), and a lenient parser (inet_aton reads "10.1" and "010.0.0.1" octal)
// would scan something other than what the person meant.
import { PromsteadError } from '@shared/contract';

const dottedQuad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The number of a strict dotted quad, or why the text is not one. */
export function parseIPv4(text: string): { value: number } | { problem: string } {
  const match = dottedQuad.exec(text);
  if (!match) return { problem: 'not an IPv4 address (four numbers 0–255 separated by dots)' };
  let value = 0;
  for (const octet of match.slice(1)) {
    if (octet.length > 1 && octet.startsWith('0')) {
      return { problem: `the octet "${octet}" has a leading zero, which some tools read as octal` };
    }
    const number = Number(octet);
    if (number > 255) return { problem: `the octet ${octet} is over 255` };
    value = value * 256 + number;
  }
  return { value };
}

export function ipToNumber(address: string): number {
  const parsed = parseIPv4(address);
  if ('problem' in parsed) {
    throw new PromsteadError('VALIDATION', `"${printable(address)}" is ${parsed.problem}.`);
  }
  return parsed.value;
}

export function numberToIp(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new PromsteadError('VALIDATION', `${value} is not a 32-bit IPv4 address number.`);
  }
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

interface Block {
  base: number;
  prefix: number;
}

function block(address: string, prefix: number): Block {
  return { base: ipToNumber(address), prefix };
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

function inBlock(value: number, { base, prefix }: Block): boolean {
  return value >= base && value < base + blockSize(prefix);
}

const privateBlocks = [block('10.0.0.0', 8), block('172.16.0.0', 12), block('192.168.0.0', 16)];

/** RFC 1918 space: what a home LAN uses (CGNAT 100.64/10 is not a LAN, so not here). */
export function isPrivateIPv4(address: string): boolean {
  const parsed = parseIPv4(address);
  return 'value' in parsed && privateBlocks.some((candidate) => inBlock(parsed.value, candidate));
}

/**
 * Ranges a scan must never probe, with the reason shown to the person. Link-local
 * (169.254/16) is allowed: devices without DHCP sit there.
 */
const refusedBlocks = [
  { ...block('255.255.255.255', 32), reason: 'the broadcast address' },
  { ...block('0.0.0.0', 8), reason: '"this network" (0.0.0.0/8), which is not a host address' },
  { ...block('127.0.0.0', 8), reason: 'loopback: did you mean your LAN address?' },
  { ...block('224.0.0.0', 4), reason: 'multicast (224.0.0.0/4), not hosts' },
  { ...block('240.0.0.0', 4), reason: 'reserved (240.0.0.0/4)' },
];

/** Why no address of first…last may be scanned, or undefined when all may. */
export function refusedRangeReason(first: number, last: number): string | undefined {
  for (const refused of refusedBlocks) {
    const end = refused.base + blockSize(refused.prefix) - 1;
    if (first <= end && last >= refused.base) return refused.reason;
  }
  return undefined;
}

/** The text of an entry, cut and stripped of control characters, safe to quote in a message. */
export function printable(text: string): string {
  const cleaned = text.replace(/\p{Cc}/gu, '?');
  return cleaned.length > 64 ? `${cleaned.slice(0, 61)}...` : cleaned;
}
