// Test helper: whether a process has ended. A zombie counts as ended: PID 1 on the lab
// machines reaps orphans lazily, and a zombie runs nothing and holds no socket.
import { readdirSync, readFileSync } from 'node:fs';

export function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** The pids of this process's children whose command name is `name` (Linux only). */
export function childrenNamed(name: string, parent = process.pid): number[] {
  const found: number[] = [];
  for (const entry of readdirSyncSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (command === name && Number(ppid) === parent && state !== 'Z') found.push(Number(entry));
    } catch {
      // it ended while we looked
    }
  }
  return found;
}

function readdirSyncSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
