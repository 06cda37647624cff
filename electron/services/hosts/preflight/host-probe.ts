// How the preflight reads a host: fixed argv commands and SFTP reads, each bounded in
// time and size, where a missing tool, a refused read or garbage is an answer ("could
// not tell") rather than an error. Cancellation and a lost connection still stop it.
import { errorText, PromsteadError } from '@shared/contract';
import type { SshHost, SudoMode } from '../../ssh';

export interface CommandOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every tool a check may use; looked up once, with the sbin folders a login shell adds. */
export const preflightTools = [
  'sudo',
  'systemctl',
  'ss',
  'ufw',
  'firewall-cmd',
  'nft',
  'iptables',
  'pveversion',
  'midclt',
  'docker',
  'dockerd',
  'stat',
  'readlink',
] as const;
export type PreflightTool = (typeof preflightTools)[number];

/** Prints `name=/path` for each tool found; non-login SSH sessions often lack sbin in PATH. */
const toolLookupScript = [
  'PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin"',
  'for tool in "$@"; do found=$(command -v "$tool" 2>/dev/null) && printf "%s=%s\\n" "$tool" "$found"; done',
  'exit 0',
].join('; ');

const commandTimeoutMs = 15_000;
const defaultMaxBytes = 1024 * 1024;

/** Failures that mean the preflight itself cannot go on. */
const fatalCodes = new Set([
  'CANCELLED',
  'SSH_UNREACHABLE',
  'SSH_AUTH_FAILED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_MISMATCH',
]);

export class HostProbe {
  private readonly tools = new Map<PreflightTool, string>();
  /** How root-only reads run: no sudo (root), through sudo, or not at all (undefined). */
  privileged: SudoMode | undefined;

  constructor(
    readonly host: SshHost,
    private readonly signal: AbortSignal,
    private readonly onProblem: (message: string) => void,
  ) {}

  async findTools(): Promise<void> {
    const result = await this.run(['sh', '-c', toolLookupScript, 'sh', ...preflightTools]);
    for (const line of (result?.stdout ?? '').split('\n').slice(0, preflightTools.length * 2)) {
      const [name = '', path = ''] = line.split('=', 2);
      const tool = preflightTools.find((candidate) => candidate === name);
      if (tool && path.startsWith('/') && path.length < 500) this.tools.set(tool, path);
    }
  }

  /** The tool's absolute path on the host, or undefined when it is not installed. */
  tool(name: PreflightTool): string | undefined {
    return this.tools.get(name);
  }

  /** Runs fixed argv; undefined when it could not run (timeout, too much output, transport). */
  async run(
    argv: readonly string[],
    options: { sudo?: SudoMode; maxBytes?: number } = {},
  ): Promise<CommandOutput | undefined> {
    try {
      const result = await this.onceMore(() =>
        this.host.exec(argv, {
          signal: this.signal,
          timeoutMs: commandTimeoutMs,
          maxOutputBytes: options.maxBytes ?? defaultMaxBytes,
          ...(options.sudo === undefined ? {} : { sudo: options.sudo }),
        }),
      );
      return { code: result.code, stdout: result.stdout, stderr: result.stderr };
    } catch (error) {
      this.rethrowFatal(error);
      this.onProblem(`${argv[0] ?? ''} ${argv[1] ?? ''}: ${errorText(error)}`);
      return undefined;
    }
  }

  /** Runs argv with the privilege the preflight found (as is for root); undefined without one. */
  async runPrivileged(argv: readonly string[], maxBytes?: number): Promise<CommandOutput | undefined> {
    if (this.privileged === undefined) return undefined;
    return this.run(argv, {
      ...(this.privileged === false ? {} : { sudo: this.privileged }),
      ...(maxBytes === undefined ? {} : { maxBytes }),
    });
  }

  /** A file's text over SFTP; undefined when missing, unreadable or too large. */
  async read(path: string, maxBytes = defaultMaxBytes): Promise<string | undefined> {
    try {
      const data = await this.onceMore(() => this.host.readFile(path, { maxBytes, signal: this.signal }));
      return data.toString('utf8');
    } catch (error) {
      this.rethrowFatal(error);
      if (!(error instanceof PromsteadError && error.code === 'NOT_FOUND'))
        this.onProblem(`read ${path}: ${errorText(error)}`);
      return undefined;
    }
  }

  /** The first of the paths that can be read, with the path it came from. */
  async readFirst(paths: readonly string[]): Promise<{ path: string; text: string } | undefined> {
    for (const path of paths) {
      const text = await this.read(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await this.onceMore(() => this.host.stat(path))) !== undefined;
    } catch (error) {
      this.rethrowFatal(error);
      return false;
    }
  }

  /**
   * Every read is idempotent, so a connection that dropped under one is worth one more
   * try: the pool opens a new connection. A second drop ends the preflight.
   */
  private async onceMore<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.signal.aborted || !(error instanceof PromsteadError) || error.code !== 'SSH_UNREACHABLE')
        throw error;
      this.onProblem(`retrying after a dropped connection: ${error.message}`);
      return work();
    }
  }

  private rethrowFatal(error: unknown): void {
    if (this.signal.aborted) throw new PromsteadError('CANCELLED', 'The preflight was cancelled.');
    if (error instanceof PromsteadError && fatalCodes.has(error.code)) throw error;
  }
}
