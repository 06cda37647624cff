// Test helpers that run the real tools (systemd-analyze, bash, the Debian exporters)
// on rendered artefacts. Arguments always go as a list to execFile, never through a shell.
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTool(file: string, args: readonly string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes files into a fresh temporary directory, runs the check, then removes the directory. */
export async function withTempFiles<T>(
  files: Record<string, string>,
  check: (directory: string) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'promstead-exporters-'));
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(directory, name), content);
    return await check(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts an exporter, fetches /metrics from 127.0.0.1 once it answers (and, given `ready`,
 * once the body satisfies it: Prometheus serves /metrics before its TSDB has opened), and
 * stops it.
 */
export function scrapeWhileRunning(
  file: string,
  args: readonly string[],
  port: number,
  ready?: (body: string) => boolean,
): Promise<string> {
  return probeWhileRunning(file, args, `http://127.0.0.1:${port}/metrics`, ready);
}

/** Starts an exporter, fetches one loopback URL once it answers (and is `ready`), and stops it. */
export async function probeWhileRunning(
  file: string,
  args: readonly string[],
  url: string,
  ready?: (body: string) => boolean,
): Promise<string> {
  const child = spawn(file, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let lastBody: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    for (let attempt = 0; attempt < 150; attempt++) {
      if (child.exitCode !== null) throw new Error(`${file} exited ${child.exitCode}: ${stderr}`);
      try {
        const response = await fetch(url);
        if (response.ok) {
          lastBody = await response.text();
          if (!ready || ready(lastBody)) return lastBody;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    // Never ready: the caller's assertions show what it answered last.
    if (lastBody !== undefined) return lastBody;
    throw new Error(`${file} did not answer ${url}: ${stderr}`);
  } finally {
    child.kill('SIGTERM');
  }
}
