// Test helpers for the database exporters: run a real daemon or exporter with an
// environment of its own, wait for it, and stop it by its pid. Arguments go as a list,
// never through a shell.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  stop(): void;
}

export function startProcess(
  file: string,
  args: readonly string[],
  environment: Record<string, string> = {},
): RunningProcess {
  const child = spawn(file, [...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...environment },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    stop: () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    },
  };
}

/** Fetches a URL until it answers 200, failing early if the process exits. */
export async function fetchWhenReady(running: RunningProcess, url: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (running.child.exitCode !== null) {
      throw new Error(`exited ${running.child.exitCode}: ${running.output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return await response.text();
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer: ${running.output()}`);
}

/** Waits until the process output matches, e.g. a daemon's "ready" line. */
export async function waitForOutput(running: RunningProcess, pattern: RegExp): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (pattern.test(running.output())) return;
    if (running.child.exitCode !== null)
      throw new Error(`exited ${running.child.exitCode}: ${running.output()}`);
    await sleep(100);
  }
  throw new Error(`no ${String(pattern)} in: ${running.output()}`);
}
