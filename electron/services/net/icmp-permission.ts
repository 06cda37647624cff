// May this process send ICMP echo? First the kernel's rule for unprivileged ICMP
// sockets (ping_group_range), then — since the system ping usually carries its own
// privilege (cap_net_raw or setuid) — one real ping to 127.0.0.1.
import { readFile } from 'node:fs/promises';
import { judgeIcmp } from '../diagnostics';
import { pingOnce } from './ping-sweep';

export interface IcmpPermission {
  permitted: boolean;
  /**
   * Why ICMP sockets are not open to this user, for the scan's notes (and, when not
   * permitted, that the system ping failed too); absent when they are open.
   */
  restriction?: string;
}

export interface IcmpPermissionInput {
  pingPath: string | undefined;
  signal: AbortSignal;
  platform?: NodeJS.Platform;
  readPingGroupRange?: () => Promise<string | undefined>;
  /** This process's effective uid and groups unless given (tests give them). */
  identity?: { uid: number | undefined; groups: readonly number[] };
}

function processIdentity(): { uid: number | undefined; groups: number[] } {
  // The kernel checks the effective group too, which getgroups() may leave out.
  const groups = [process.getegid?.(), ...(process.getgroups?.() ?? [])].filter(
    (gid): gid is number => gid !== undefined,
  );
  return { uid: process.geteuid?.(), groups };
}

async function readRange(): Promise<string | undefined> {
  return readFile('/proc/sys/net/ipv4/ping_group_range', 'utf8').catch(() => undefined);
}

export async function checkIcmpPermission(input: IcmpPermissionInput): Promise<IcmpPermission> {
  const platform = input.platform ?? process.platform;
  const range = platform === 'linux' ? await (input.readPingGroupRange ?? readRange)() : undefined;
  const { uid, groups } = input.identity ?? processIdentity();
  const judged = judgeIcmp({ platform, uid, groups, pingGroupRange: range });
  if (judged.status === 'ok') return { permitted: true };
  const restriction =
    range === undefined
      ? 'ICMP sockets may not be permitted for this user (net.ipv4.ping_group_range is unreadable)'
      : `ICMP is not permitted for this user (net.ipv4.ping_group_range is ${range.trim().split(/\s+/).join(' ')})`;
  if (!input.pingPath)
    return { permitted: false, restriction: `${restriction}, and there is no system ping` };
  const denied = {
    permitted: false,
    restriction: `${restriction}, and the system ping could not send it either`,
  };
  try {
    const reply = await pingOnce(input.pingPath, '127.0.0.1', {
      timeoutMs: 1000,
      signal: input.signal,
      platform,
    });
    return reply.alive ? { permitted: true, restriction } : denied;
  } catch (error) {
    if (input.signal.aborted) throw error;
    // Could not run it, or it may not send ICMP either.
    return denied;
  }
}
