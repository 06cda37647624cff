// Which subnets to offer as scan targets: the private LANs this machine sits on.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { SubnetSuggestion } from '@shared/contract';
import { blockSize, isPrivateIPv4, numberToIp, parseIPv4 } from './ip-address';

export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * Container and VM bridges hold this machine's own containers, not the LAN: Docker's
 * default and user networks, veth ends, CNI and Podman bridges.
 */
const containerBridge = /^(?:docker\d*|br-[0-9a-f]{12}|veth|cni|flannel|cali|podman|vboxnet|vmnet)/;

function prefixOf(info: NetworkInterfaceInfo): number | undefined {
  const fromCidr = info.cidr?.split('/')[1];
  if (fromCidr !== undefined && /^\d{1,2}$/.test(fromCidr)) return Number(fromCidr);
  const mask = parseIPv4(info.netmask);
  if ('problem' in mask) return undefined;
  const bits = mask.value.toString(2).padStart(32, '0');
  const ones = bits.includes('0') ? bits.indexOf('0') : 32;
  // A mask with holes (255.0.255.0) is not a prefix.
  return bits.slice(ones).includes('1') ? undefined : ones;
}

/**
 * Node lists only interfaces that are up and running (libuv skips the others), so
 * "up" needs no check here; loopback is `internal`.
 */
export function suggestSubnets(interfaces: InterfaceTable = networkInterfaces()): SubnetSuggestion[] {
  const suggestions: SubnetSuggestion[] = [];
  const seen = new Set<string>();
  for (const [name, infos] of Object.entries(interfaces)) {
    if (!infos || containerBridge.test(name)) continue;
    for (const info of infos) {
      // Node 18.0–18.3 gave the family as the number 4.
      const isIPv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (!isIPv4 || info.internal || !isPrivateIPv4(info.address)) continue;
      const address = parseIPv4(info.address);
      let prefix = prefixOf(info);
      // A /31 or /32 is a point-to-point link (a VPN), with nothing else to find.
      if ('problem' in address || prefix === undefined || prefix > 30) continue;
      // A LAN wider than a /16 is rare and too large to sweep at once: offer the /24
      // around this machine, where its neighbours most likely are.
      if (prefix < 16) prefix = 24;
      const size = blockSize(prefix);
      const cidr = `${numberToIp(address.value - (address.value % size))}/${prefix}`;
      if (seen.has(cidr)) continue;
      seen.add(cidr);
      suggestions.push({ cidr, interface: name, address: info.address });
    }
  }
  return suggestions;
}
