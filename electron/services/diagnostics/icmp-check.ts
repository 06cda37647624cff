// Can this process send ICMP echo without root? On Linux that is the
// ping_group_range sysctl; macOS and Windows allow unprivileged echo.
import { readFile } from 'node:fs/promises';
import type { Capability } from '@shared/contract';

export interface IcmpProbeInput {
  platform: NodeJS.Platform;
  uid: number | undefined;
  groups: readonly number[];
  /** Contents of /proc/sys/net/ipv4/ping_group_range, when readable. */
  pingGroupRange: string | undefined;
}

export function judgeIcmp(input: IcmpProbeInput): Capability {
  if (input.platform === 'darwin') return { status: 'ok', detail: 'macOS permits unprivileged ICMP echo.' };
  if (input.platform === 'win32')
    return { status: 'ok', detail: 'Windows permits ICMP echo through the system API.' };
  if (input.uid === 0) return { status: 'ok', detail: 'Running as root: ICMP sockets are permitted.' };
  const fix = "To allow it: sudo sysctl -w net.ipv4.ping_group_range='0 2147483647'.";
  if (input.pingGroupRange === undefined) {
    return {
      status: 'warn',
      detail: `Cannot read net.ipv4.ping_group_range; scans fall back to the system ping or TCP probes. ${fix}`,
    };
  }
  const [low, high] = input.pingGroupRange.trim().split(/\s+/).map(Number);
  if (low === undefined || high === undefined || Number.isNaN(low) || Number.isNaN(high)) {
    return {
      status: 'warn',
      detail: `Unreadable net.ipv4.ping_group_range "${input.pingGroupRange.trim()}". ${fix}`,
    };
  }
  const group = input.groups.find((gid) => gid >= low && gid <= high);
  if (group !== undefined) {
    return {
      status: 'ok',
      detail: `ICMP datagram sockets permitted for group ${group} (ping_group_range ${low}-${high}).`,
    };
  }
  return {
    status: 'warn',
    detail: `ICMP datagram sockets are not permitted for this user (ping_group_range ${low} ${high}); scans use the system ping or TCP probes. ${fix}`,
  };
}

export async function checkIcmp(): Promise<Capability> {
  let pingGroupRange: string | undefined;
  if (process.platform === 'linux') {
    pingGroupRange = await readFile('/proc/sys/net/ipv4/ping_group_range', 'utf8').catch(() => undefined);
  }
  return judgeIcmp({
    platform: process.platform,
    uid: process.getuid?.(),
    groups: process.getgroups?.() ?? [],
    pingGroupRange,
  });
}
