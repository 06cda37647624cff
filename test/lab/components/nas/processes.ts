// Finds the processes a NAS daemon left behind (by what ties them to the lab: a path
// in their command line, their cgroup, their mount namespace) and stops them by pid.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { isAlive } from '../../core/daemon';
import { waitFor } from '../../core/wait';

export interface ProcessInfo {
  pid: number;
  commandLine: string;
  cgroups: string;
  mountNamespace: string;
  netNamespace: string;
}

async function describe(pid: number): Promise<ProcessInfo | undefined> {
  const [commandLine, cgroups, mountNamespace, netNamespace] = await Promise.all([
    readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined),
    readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => ''),
    readlink(`/proc/${pid}/ns/mnt`).catch(() => ''),
    readlink(`/proc/${pid}/ns/net`).catch(() => ''),
  ]);
  if (commandLine === undefined) return undefined;
  return {
    pid,
    commandLine: commandLine.replaceAll('\0', ' ').trim(),
    cgroups,
    mountNamespace,
    netNamespace,
  };
}

/** The live processes (zombies excluded) for which `matches` holds; never ourselves. */
export async function findProcesses(matches: (info: ProcessInfo) => boolean): Promise<ProcessInfo[]> {
  const pids = (await readdir('/proc'))
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid > 1 && pid !== process.pid);
  const found: ProcessInfo[] = [];
  for (const pid of pids) {
    const info = await describe(pid);
    if (info && matches(info) && (await isAlive(pid))) found.push(info);
  }
  return found;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone between the scan and the signal.
  }
}

/** TERM, then KILL for those still alive after the grace period; bounded. */
export async function terminate(pids: readonly number[], graceMs = 5000): Promise<void> {
  if (pids.length === 0) return;
  for (const pid of pids) signal(pid, 'SIGTERM');
  const allGone = async (): Promise<boolean> =>
    (await Promise.all(pids.map(isAlive))).every((alive) => !alive);
  try {
    await waitFor(`pids ${pids.join(' ')} to exit`, allGone, { timeoutMs: graceMs, intervalMs: 50 });
  } catch {
    for (const pid of pids) if (await isAlive(pid)) signal(pid, 'SIGKILL');
    await waitFor(`pids ${pids.join(' ')} to exit after SIGKILL`, allGone, {
      timeoutMs: 5000,
      intervalMs: 50,
    });
  }
}
