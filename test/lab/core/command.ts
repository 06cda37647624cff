// Runs a program with an argument list (never a shell line), optionally inside a lab
// namespace, bounded in time; a failure says which command failed and what it printed.
import { execFile } from 'node:child_process';

export interface RunOptions {
  /** Run inside this network namespace (ip netns exec). */
  netns?: string;
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  cwd?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(`${command} exited with ${result.code}: ${(result.stderr || result.stdout).trim().slice(0, 2000)}`);
    this.name = 'CommandError';
  }
}

export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, argv] = options.netns
    ? ['ip', ['netns', 'exec', options.netns, file, ...args]]
    : [file, [...args]];
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      argv,
      {
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 32 * 1024 * 1024,
        env: options.env ?? process.env,
        cwd: options.cwd,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const result = { code, stdout: String(stdout), stderr: String(stderr) };
        if (code !== 0 && !options.allowFailure)
          reject(new CommandError([command, ...argv].join(' '), result));
        else resolve(result);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** True when the command exits 0. */
export async function succeeds(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<boolean> {
  return (await run(file, args, { ...options, allowFailure: true })).code === 0;
}
