// Starts lab daemons detached with a pidfile, and stops them by that pid — never by
// name. A killed daemon may linger as a zombie (PID 1 here reaps lazily), so state Z
// counts as stopped.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { sleep, waitFor } from './wait';

export async function readPid(pidfile: string): Promise<number | undefined> {
  const text = await readFile(pidfile, 'utf8').catch(() => undefined);
  const pid = Number(text?.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

/** Alive means the process exists and is not a zombie. */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

export async function isRunning(pidfile: string): Promise<boolean> {
  const pid = await readPid(pidfile);
  return pid !== undefined && (await isAlive(pid));
}

export interface DaemonSpec {
  /** The program and its arguments; it must stay in the foreground. */
  argv: readonly string[];
  /** Run inside this network namespace. */
  netns?: string;
  pidfile: string;
  logfile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Starts a foreground program detached from us, its output to a log file, and records
 * its pid. `ip netns exec` and `nsenter` exec the program, so the pid is the daemon's.
 */
export async function startForegroundDaemon(spec: DaemonSpec): Promise<number> {
  const [file, ...args] = spec.netns ? ['ip', 'netns', 'exec', spec.netns, ...spec.argv] : spec.argv;
  if (!file) throw new Error('startForegroundDaemon: empty argv');
  const log = openSync(spec.logfile, 'a');
  try {
    const child = spawn(file, args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: spec.env ?? process.env,
      cwd: spec.cwd,
    });
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${spec.argv.join(' ')}`);
    child.unref();
    await writeFile(spec.pidfile, `${pid}\n`);
    // A daemon that dies at once (bad config, port taken) is reported now, with its log.
    await sleep(150);
    if (!(await isAlive(pid))) {
      const output = await readFile(spec.logfile, 'utf8').catch(() => '');
      throw new Error(`${spec.argv[0]} exited at start: ${output.trim().split('\n').slice(-10).join('\n')}`);
    }
    return pid;
  } finally {
    closeSync(log);
  }
}

/** Stops the process named by the pidfile: TERM, then KILL after the grace period. */
export async function stopByPidfile(pidfile: string, graceMs = 10_000): Promise<boolean> {
  const pid = await readPid(pidfile);
  if (pid === undefined) return false;
  if (await isAlive(pid)) {
    try {
      process.kill(pid, 'SIGTERM');
      await waitFor(`pid ${pid} to exit`, async () => !(await isAlive(pid)), {
        timeoutMs: graceMs,
        intervalMs: 50,
      });
    } catch {
      if (await isAlive(pid)) process.kill(pid, 'SIGKILL');
      await waitFor(`pid ${pid} to exit after SIGKILL`, async () => !(await isAlive(pid)), {
        timeoutMs: 5000,
        intervalMs: 50,
      });
    }
  }
  await rm(pidfile, { force: true });
  return true;
}
