// The machine's neighbour (ARP) table: which MAC answered for which IPv4 address on
// the local segments. Read after the scan's pings, it gives MACs of hosts that are up.
import { readFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import { runCommand } from '../../diagnostics';
import { isDeviceMac, normalizeMac } from './mac-address';

/** Completed entry (ATF_COM): the kernel has the MAC; others are still being resolved. */
const arpFlagComplete = 0x2;

/** IPv4 address → MAC (lowercase, colon form). Empty when the table cannot be read. */
export async function readNeighbours(): Promise<Map<string, string>> {
  try {
    if (process.platform === 'linux') return parseProcNetArp(await readFile('/proc/net/arp', 'utf8'));
    if (process.platform === 'darwin' || process.platform === 'win32') {
      // -n on macOS: without it arp looks up a name for every entry, over the network.
      const args = process.platform === 'darwin' ? ['-an'] : ['-a'];
      const result = await runCommand('arp', args, { timeoutMs: 5000 });
      return parseArpCommand(result.stdout);
    }
  } catch {
    // No table is a normal outcome (a sandbox, a missing tool): hosts just have no MAC.
  }
  return new Map();
}

/**
 * /proc/net/arp: a header, then "IP address  HW type  Flags  HW address  Mask  Device".
 * The first complete entry for an address wins when it shows on two interfaces.
 */
export function parseProcNetArp(text: string): Map<string, string> {
  const neighbours = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [address, , flags, hardware] = line.trim().split(/\s+/);
    if (!address || !flags || !hardware || !isIPv4(address)) continue;
    if ((parseInt(flags, 16) & arpFlagComplete) === 0) continue;
    const mac = normalizeMac(hardware);
    if (mac && isDeviceMac(mac) && !neighbours.has(address)) neighbours.set(address, mac);
  }
  return neighbours;
}

/**
 * `arp -an` on macOS ("? (10.0.0.1) at 0:11:32:a:b:c on en0 ifscope [ethernet]") and
 * `arp -a` on Windows ("  10.0.0.1   00-11-32-0a-0b-0c   dynamic"). Incomplete entries,
 * interface headers and broadcast or multicast entries carry no device MAC and are skipped.
 */
export function parseArpCommand(text: string): Map<string, string> {
  const neighbours = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/);
    const address = tokens.map((token) => token.replace(/^\((.*)\)$/, '$1')).find((token) => isIPv4(token));
    const mac = tokens.map((token) => normalizeMac(token)).find((value) => value !== undefined);
    if (!address || !mac || !isDeviceMac(mac) || neighbours.has(address)) continue;
    neighbours.set(address, mac);
  }
  return neighbours;
}
