// One host as the deploy code sees it: commands, files and Docker, each call taking
// the pool's connection (so a dropped connection is reopened on the next call).
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { errorText, PromsteadError } from '@shared/contract';
import {
  createDockerOverSsh,
  defaultDockerSocket,
  dockerSocketError,
  socketCheckArgv,
} from './docker-over-ssh';
import { parseSha256sum, sudoRefusal } from './remote-command';
import {
  defaultMaxReadBytes,
  mkdirRemote,
  readRemoteFile,
  removeRemote,
  statRemote,
  writeRemoteFileAtomic,
} from './remote-files';
import type { SshConnection } from './ssh-connection';
import type { SshConnectionPool } from './ssh-pool';
import type { ExecOptions, ExecResult, RemoteStat, SshTarget, SudoMode } from './ssh-types';

export class SshHost {
  constructor(
    private readonly pool: SshConnectionPool,
    readonly target: SshTarget,
  ) {}

  connection(signal?: AbortSignal): Promise<SshConnection> {
    return this.pool.acquire(this.target, signal);
  }

  /** Runs argv with every word quoted. A non-zero exit is a result, not an error. */
  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const connection = await this.connection(options.signal);
    return connection.exec(argv, options);
  }

  /** Like exec, but a non-zero exit (or sudo's refusal) throws with the command's stderr. */
  async run(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const result = await this.exec(argv, options);
    if (result.code === 0) return result;
    if (options.sudo) {
      const refusal = sudoRefusal(result.code, result.stderr, this.target.username);
      if (refusal) throw refusal;
    }
    const program = argv[0] ?? '';
    throw new PromsteadError(
      'TRANSPORT',
      `${program} on ${this.target.host} failed (exit ${result.code ?? result.signal}): ${result.stderr.trim().slice(0, 500)}`,
      { code: result.code, signal: result.signal, stderr: result.stderr.slice(0, 4000) },
    );
  }

  async readFile(path: string, options: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<Buffer> {
    const connection = await this.connection(options.signal);
    return readRemoteFile(await connection.sftp(), path, options.maxBytes ?? defaultMaxReadBytes);
  }

  /** Atomic: a temporary file beside the target, its mode set, renamed over the target. */
  async writeFile(
    path: string,
    data: string | Buffer,
    options: { mode?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const connection = await this.connection(options.signal);
    await writeRemoteFileAtomic(await connection.sftp(), path, data, options.mode ?? 0o644);
  }

  /** Undefined when nothing is at the path. Links are not followed. */
  async stat(path: string): Promise<RemoteStat | undefined> {
    return statRemote(await (await this.connection()).sftp(), path);
  }

  async mkdirp(path: string, mode = 0o755): Promise<void> {
    await mkdirRemote(await (await this.connection()).sftp(), path, mode);
  }

  /** A file, link or empty folder; a missing path is fine (rollback runs it twice). */
  async remove(path: string): Promise<void> {
    await removeRemote(await (await this.connection()).sftp(), path);
  }

  /** The file's SHA-256 (hex) as the host's sha256sum computes it. */
  async sha256(path: string, options: { sudo?: SudoMode; signal?: AbortSignal } = {}): Promise<string> {
    const result = await this.run(['sha256sum', '--', path], options);
    const hash = parseSha256sum(result.stdout);
    if (!hash)
      throw new PromsteadError('TRANSPORT', `sha256sum on ${this.target.host} printed no hash for ${path}.`);
    return hash;
  }

  /** dockerode talking to the host's Docker socket through this SSH connection. */
  docker(socketPath = defaultDockerSocket): Docker {
    return createDockerOverSsh(() => this.openDockerStream(socketPath), socketPath);
  }

  private async openDockerStream(socketPath: string): Promise<Duplex> {
    const connection = await this.connection();
    try {
      return await connection.openUnixSocket(socketPath);
    } catch (error) {
      // sshd says only "open failed": ask the host why, as this user.
      const cause = errorText(error);
      const check = await connection
        .exec(socketCheckArgv(socketPath), { timeoutMs: 10_000 })
        .catch(() => undefined);
      throw dockerSocketError(check, socketPath, this.target.username, cause);
    }
  }
}
