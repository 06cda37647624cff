// Processes by pid only: whether a lab daemon runs in the namespace it belongs to, and the
// children a daemon would orphan if it had to be killed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAlive, readPid } from '../../core/daemon';

/**
 * `elsewhere`: alive, but in another network namespace than the one now named `netns` —
 * the network was taken down and rebuilt while it ran, so it serves nobody.
 */
export type DaemonState = 'running' | 'elsewhere' | 'stopped';

async function namespaceInode(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.ino;
}

export async function daemonState(pidfile: string, netns: string): Promise<DaemonState> {
  const pid = await readPid(pidfile);
  if (pid === undefined || !(await isAlive(pid))) return 'stopped';
  const own = await namespaceInode(`/proc/${pid}/ns/net`);
  const wanted = await namespaceInode(`/var/run/netns/${netns}`);
  return own !== undefined && own === wanted ? 'running' : 'elsewhere';
}

export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot: tells a process from a later one given the same pid. */
  startTime: string;
}

async function startTimeOf(pid: number): Promise<string | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Fields after the command name (which may hold spaces): state is the 3rd, starttime the 22nd.
  return text?.slice(text.lastIndexOf(')') + 2).split(' ')[19];
}

/** The direct children of `parent`, found by pid in /proc. */
export async function childProcesses(parent: number): Promise<ProcessIdentity[]> {
  const children: ProcessIdentity[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    const fields = text?.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields?.[1] === String(parent) && fields[19])
      children.push({ pid: Number(entry), startTime: fields[19] });
  }
  return children;
}

/** SIGKILL to each process still alive and still the same process (not a reused pid). */
export async function killRemaining(processes: readonly ProcessIdentity[]): Promise<void> {
  for (const { pid, startTime } of processes) {
    if ((await isAlive(pid)) && (await startTimeOf(pid)) === startTime) process.kill(pid, 'SIGKILL');
  }
}
