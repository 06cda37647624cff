// The docker CLI driving the NAS's dockerd over SSH, as a person would from a terminal
// (`docker -H ssh://user@host …`), with the lab's key and pinned host key kept in a temp
// home so nothing of this machine's own SSH or Docker setup is read or changed.
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Docker's CLI runs `ssh` from PATH, and OpenSSH finds ~/.ssh through the passwd entry,
 * not $HOME; this stand-in points it at the bench's config. Constant text: the paths
 * arrive as environment variables, never spliced into the script.
 */
const sshShim = '#!/bin/sh\nexec "$PROMSTEAD_BENCH_SSH" -F "$PROMSTEAD_BENCH_SSH_CONFIG" "$@"\n';

export interface DockerOverSshOptions {
  user: string;
  address: string;
  privateKeyPath: string;
  /** The host's public key file (`ssh-ed25519 AAAA… comment`), pinned in known_hosts. */
  hostPublicKeyPath: string;
}

export interface DockerCliResult {
  stdout: string;
  stderr: string;
}

async function onPath(command: string): Promise<string | undefined> {
  for (const directory of (process.env.PATH ?? '').split(delimiter).slice(0, 64)) {
    if (!directory) continue;
    const candidate = join(directory, command);
    const found = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  return undefined;
}

export class DockerOverSsh {
  private constructor(
    private readonly home: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly daemonUrl: string,
  ) {}

  static async open(options: DockerOverSshOptions): Promise<DockerOverSsh> {
    if (!(await onPath('docker'))) throw new Error('The peer needs the docker CLI on this machine.');
    const ssh = await onPath('ssh');
    if (!ssh) throw new Error('The peer needs the OpenSSH client on this machine.');
    const home = await mkdtemp(join(tmpdir(), 'promstead-bench-docker-'));
    const sshDir = join(home, '.ssh');
    const binDir = join(home, 'bin');
    await mkdir(sshDir, { mode: 0o700 });
    await mkdir(binDir, { mode: 0o700 });
    const [keyType, keyBody] = (await readFile(options.hostPublicKeyPath, 'utf8')).trim().split(/\s+/);
    if (!keyType || !keyBody) throw new Error(`${options.hostPublicKeyPath} holds no public key`);
    const knownHosts = join(sshDir, 'known_hosts');
    await writeFile(knownHosts, `${options.address} ${keyType} ${keyBody}\n`, { mode: 0o600 });
    const config = join(sshDir, 'config');
    await writeFile(
      config,
      [
        `Host ${options.address}`,
        `  User ${options.user}`,
        `  IdentityFile ${options.privateKeyPath}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${knownHosts}`,
        '  StrictHostKeyChecking yes',
        '  BatchMode yes',
        '  LogLevel ERROR',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    await writeFile(join(binDir, 'ssh'), sshShim);
    await chmod(join(binDir, 'ssh'), 0o700);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      DOCKER_CONFIG: join(home, '.docker'),
      PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
      PROMSTEAD_BENCH_SSH: ssh,
      PROMSTEAD_BENCH_SSH_CONFIG: config,
    };
    delete env.DOCKER_HOST;
    delete env.DOCKER_CONTEXT;
    return new DockerOverSsh(home, env, `ssh://${options.user}@${options.address}`);
  }

  /** `docker -H ssh://… <args>`; rejects with the CLI's stderr when it exits non-zero. */
  run(args: readonly string[], timeoutMs = 120_000): Promise<DockerCliResult> {
    return new Promise((resolve, reject) => {
      execFile(
        'docker',
        ['-H', this.daemonUrl, ...args],
        { env: this.env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`docker ${args[0] ?? ''}: ${stderr.trim() || error.message}`));
          else resolve({ stdout, stderr });
        },
      );
    });
  }

  /** Whether the NAS's dockerd has this image. */
  async hasImage(reference: string): Promise<boolean> {
    return this.run(['image', 'inspect', '--format', '{{.Id}}', reference]).then(
      () => true,
      () => false,
    );
  }

  /** Removes containers by name or id; ones already gone are not an error. */
  async removeContainers(namesOrIds: readonly string[]): Promise<void> {
    if (namesOrIds.length === 0) return;
    await this.run(['rm', '--force', '--', ...namesOrIds]).catch((error: unknown) => {
      if (!String(error).includes('No such container')) throw error;
    });
  }

  async close(): Promise<void> {
    await rm(this.home, { recursive: true, force: true });
  }
}
