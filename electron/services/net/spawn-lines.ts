// Runs a program (never through a shell) and hands its stdout to the caller line by
// line as it is printed. On abort the child is killed by its pid at once, and the
// promise settles only after it has exited, so no child outlives the call.
import { spawn } from 'node:child_process';

export interface SpawnLinesOptions {
  signal: AbortSignal;
  onLine: (line: string) => void;
  /** Written to the child's stdin, which is then closed (at once when absent). */
  stdin?: string;
  /** Killed after this long; the result says so. */
  timeoutMs: number;
  maxStderrBytes?: number;
}

export interface SpawnLinesResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

/** A line longer than this is not output we parse; it is dropped. */
const maxLineLength = 64 * 1024;

export function spawnLines(
  file: string,
  args: readonly string[],
  options: SpawnLinesOptions,
): Promise<SpawnLinesResult> {
  const { signal } = options;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  const stderrLimit = options.maxStderrBytes ?? 16 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    let partial = '';
    let stderr = '';
    let timedOut = false;
    let callbackError: { error: unknown } | undefined;
    let settled = false;

    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = (): void => kill();
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanUp = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      return true;
    };

    const deliver = (line: string): void => {
      if (callbackError || signal.aborted) return;
      try {
        options.onLine(line.replace(/\r$/, ''));
      } catch (error) {
        callbackError = { error };
        kill();
      }
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      if (partial.length > maxLineLength) partial = '';
      for (const line of lines) deliver(line);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < stderrLimit) stderr += chunk.slice(0, stderrLimit - stderr.length);
    });
    // The child may exit before reading everything (a bad option): that EPIPE is not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');

    child.on('error', (error) => {
      // With no pid the program never started, and no 'close' will follow.
      if (child.pid === undefined && cleanUp()) reject(error);
    });
    child.on('close', (code) => {
      if (!cleanUp()) return;
      if (partial) deliver(partial);
      if (signal.aborted) return reject(signal.reason as Error);
      if (callbackError) return reject(callbackError.error as Error);
      resolve({ code, stderr, timedOut });
    });
  });
}
