// Which TCP ports are taken, from /proc/net/tcp and tcp6 (every Linux has them; busybox
// NAS userlands have no ss), and which process holds them when ss -ltnp can say.
import type { PortUse } from '@shared/contract';
import { boundedLines, cleanText, words } from './text-bounds';

export interface Listener {
  address: string;
  port: number;
  process?: string;
}

/** The kernel's TCP_LISTEN state in /proc/net/tcp's `st` column. */
const listenState = '0A';

/** One 32-bit word as the kernel prints it (host order): bytes reversed on little-endian hosts. */
function wordBytes(hex: string): number[] {
  const value = parseInt(hex, 16);
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** IPv6 groups in the short form: the longest run of two or more zero groups becomes `::`. */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < groups.length;) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * /proc/net/tcp's address column. Addresses are decoded as a little-endian host prints
 * them (x86, ARM); on a big-endian host only the address text is wrong, never the port.
 */
export function decodeProcAddress(hex: string): string | undefined {
  if (/^[0-9A-Fa-f]{8}$/.test(hex)) return wordBytes(hex).join('.');
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return undefined;
  const bytes = [0, 8, 16, 24].flatMap((offset) => wordBytes(hex.slice(offset, offset + 8)));
  const groups = Array.from(
    { length: 8 },
    (_, index) => (bytes[index * 2] ?? 0) * 256 + (bytes[index * 2 + 1] ?? 0),
  );
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  return formatIpv6(groups);
}

/** The LISTEN sockets of /proc/net/tcp or /proc/net/tcp6. */
export function parseProcNetTcp(text: string): Listener[] {
  const listeners: Listener[] = [];
  for (const line of boundedLines(text)) {
    const [slot, local, , state] = words(line);
    if (!slot?.endsWith(':') || state !== listenState || !local) continue;
    const match = /^([0-9A-Fa-f]+):([0-9A-Fa-f]{4})$/.exec(local);
    const address = match?.[1] === undefined ? undefined : decodeProcAddress(match[1]);
    const port = parseInt(match?.[2] ?? '', 16);
    if (address !== undefined && port > 0) listeners.push({ address, port });
  }
  return listeners;
}

/**
 * `ss -ltnp`: `LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))`. The
 * process column is there only for sockets the caller may inspect (all of them as root).
 */
export function parseSsListeners(text: string): Listener[] {
  const listeners: Listener[] = [];
  for (const line of boundedLines(text)) {
    const fields = words(line);
    if (fields[0] !== 'LISTEN') continue;
    const local = fields.slice(1).find((field) => /:(\d+)$/.test(field));
    const match = local === undefined ? null : /^(.*):(\d+)$/.exec(local);
    const port = Number(match?.[2]);
    if (!match || !Number.isInteger(port) || port < 1 || port > 65_535) continue;
    const address = (match[1] ?? '').replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
    const process = /users:\(\("([^"]{1,64})",pid=(\d{1,10})/.exec(line);
    listeners.push({
      address: cleanText(address, 64),
      port,
      ...(process ? { process: `${cleanText(process[1] ?? '', 64)} (pid ${process[2]})` } : {}),
    });
  }
  return listeners;
}

/** Each requested port, taken or free, with the addresses and (when known) the process. */
export function portsInUse(
  requested: readonly number[],
  listeners: readonly Listener[],
  named: readonly Listener[] = [],
): PortUse[] {
  return [...new Set(requested)].map((port) => {
    const addresses = [
      ...new Set(
        [...listeners, ...named].filter((entry) => entry.port === port).map((entry) => entry.address),
      ),
    ];
    const process = named.find((entry) => entry.port === port && entry.process)?.process;
    return { port, inUse: addresses.length > 0, addresses, ...(process ? { process } : {}) };
  });
}
