// The SSH layer against the lab NAS's real sshd and dockerd: host key pinning, the
// three ways to log in, quoted commands, cancellation, SFTP, Docker through the
// connection, and the pool's reuse and reconnection. A lab that is down fails here
// (global setup and the connections), it is never skipped.
import { spawn, execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import {
  SshConnectionPool,
  sshFailureOf,
  type SshAuth,
  type SshHost,
  type SshTarget,
} from '../../electron/services/ssh';
import { labDocker, labHosts, labSsh } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const { keyUser, passwordUser } = labSsh;
const keyAuth: SshAuth = { kind: 'privateKey', privateKeyPath: keyUser.privateKeyPath };
const passwordAuth: SshAuth = { kind: 'password', password: passwordUser.password };
/** A valid fingerprint that is not the NAS's. */
const otherFingerprint = 'SHA256:/SibRsPnc1gdnJvXcaqNktbvtTQ8pttutJzjIoGbsTk';

let fingerprint = '';
const pools: SshConnectionPool[] = [];

function newPool(): SshConnectionPool {
  const pool = new SshConnectionPool({ connectTimeoutMs: 10_000 });
  pools.push(pool);
  return pool;
}

/** `pin` null: first contact, nothing pinned. */
function target(username: string, auth: SshAuth, pin: string | null = fingerprint): SshTarget {
  return {
    host: labHosts.nas.address,
    port: labSsh.port,
    username,
    auth,
    ...(pin === null ? {} : { hostKeyFingerprint: pin }),
  };
}

async function failureOf(work: Promise<unknown>): Promise<PromsteadError> {
  const error = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PromsteadError);
  return error as PromsteadError;
}

/** Polls a condition a bounded number of times (no fixed sleeps in assertions). */
async function eventually(check: () => Promise<boolean>, attempts = 50, intervalMs = 100): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

beforeAll(async () => {
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`]);
  fingerprint = stdout.split(' ')[1] ?? '';
  expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.closeAll()));
});

describe('host key pinning', () => {
  it('gives the fingerprint ssh-keygen -lf prints on first contact, without logging in', async () => {
    const pool = newPool();
    expect(
      await pool.fetchHostKey({ host: labHosts.nas.address, port: labSsh.port, username: keyUser.name }),
    ).toEqual({
      fingerprint,
      keyType: 'ssh-ed25519',
    });
    const error = await failureOf(pool.acquire(target(keyUser.name, keyAuth, null)));
    expect(sshFailureOf(error)).toBe('HOST_KEY_UNKNOWN');
    expect(error.code).toBe('HOST_KEY_UNKNOWN');
    expect(error.details).toMatchObject({ fingerprint, keyType: 'ssh-ed25519', host: labHosts.nas.address });
  });

  it('connects with the pinned key', async () => {
    const host = newPool().host(target(keyUser.name, keyAuth));
    const result = await host.exec(['id', '-un']);
    expect(result).toMatchObject({ code: 0, stdout: `${keyUser.name}\n` });
    expect((await host.connection()).hostKey.fingerprint).toBe(fingerprint);
  });

  it('refuses another pin with HOST_KEY_MISMATCH, saying how to re-pin', async () => {
    const error = await failureOf(newPool().acquire(target(keyUser.name, keyAuth, otherFingerprint)));
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toContain(fingerprint);
    expect(error.message).toMatch(/remove the host's pinned key in Hosts/);
  });

  it('checks the pin of each caller of a pooled connection', async () => {
    const pool = newPool();
    await pool.acquire(target(keyUser.name, keyAuth));
    const error = await failureOf(pool.acquire(target(keyUser.name, keyAuth, otherFingerprint)));
    expect(error.code).toBe('HOST_KEY_MISMATCH');
  });
});

describe('logging in', () => {
  it('logs in with a password', async () => {
    const result = await newPool().host(target(passwordUser.name, passwordAuth)).exec(['id', '-un']);
    expect(result.stdout).toBe(`${passwordUser.name}\n`);
  });

  it('says which methods were refused for a wrong password', async () => {
    const error = await failureOf(
      newPool().acquire(target(passwordUser.name, { kind: 'password', password: 'not-the-password' })),
    );
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toContain(`${passwordUser.name}@${labHosts.nas.address}`);
    expect(error.message).toMatch(/refused every method tried \(password\)/);
    expect(error.message).not.toContain('not-the-password');
  });

  it('refuses a key the server does not know for this user', async () => {
    const error = await failureOf(newPool().acquire(target(passwordUser.name, keyAuth)));
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toMatch(/publickey/);
  });

  it('logs in through an ssh-agent', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'promstead-agent-'));
    const socketPath = join(folder, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socketPath], { stdio: 'ignore' });
    try {
      const env = { ...process.env, SSH_AUTH_SOCK: socketPath };
      const added = await eventually(() =>
        execFileAsync('ssh-add', [keyUser.privateKeyPath], { env }).then(
          () => true,
          () => false,
        ),
      );
      expect(added).toBe(true);
      const result = await newPool()
        .host(target(keyUser.name, { kind: 'agent', socketPath }))
        .exec(['id', '-un']);
      expect(result.stdout).toBe(`${keyUser.name}\n`);
    } finally {
      agent.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports a port nothing listens on as unreachable', async () => {
    const error = await failureOf(newPool().acquire({ ...target(keyUser.name, keyAuth), port: 2 }));
    expect(sshFailureOf(error)).toBe('SSH_UNREACHABLE');
    expect(error.code).toBe('SSH_UNREACHABLE');
    expect(error.message).toMatch(/refused the connection/);
  });
});

describe('remote commands', () => {
  let host: SshHost;
  beforeAll(() => {
    host = newPool().host(target(keyUser.name, keyAuth));
  });

  it('passes hostile arguments through literally', async () => {
    const words = [
      '$(rm -rf /)',
      ';',
      "'",
      '$HOME',
      '`id`',
      '"',
      'a b',
      'line\nbreak',
      '*',
      '&& id',
      '\\',
      '',
    ];
    const result = await host.exec(['printf', '%s\\n', ...words]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(words.map((word) => `${word}\n`).join(''));
  });

  it('feeds stdin and reports the exit status', async () => {
    expect((await host.exec(['cat'], { stdin: 'from stdin\n' })).stdout).toBe('from stdin\n');
    expect((await host.exec(['sh', '-c', 'exit 7'])).code).toBe(7);
    const failed = await failureOf(host.run(['ls', '/no/such/folder']));
    expect(failed.message).toMatch(/ls on .* failed \(exit 2\)/);
  });

  it('stops a command that prints more than its bound', async () => {
    const error = await failureOf(host.exec(['head', '-c', '100000', '/dev/zero'], { maxOutputBytes: 1000 }));
    expect(sshFailureOf(error)).toBe('OUTPUT_TOO_LARGE');
  });

  it.each([
    ['an abort', 'CANCELLED'],
    ['a timeout', 'TIMEOUT'],
  ] as const)('leaves no remote process after %s', async (how, code) => {
    const marker = String(30_000 + Math.floor(Math.random() * 10_000));
    const running = async (): Promise<boolean> =>
      (await host.exec(['pgrep', '-u', keyUser.name, '-f', `^sleep ${marker}$`])).code === 0;
    const controller = new AbortController();
    const command = host.exec(
      ['sleep', marker],
      how === 'an abort' ? { signal: controller.signal } : { timeoutMs: 5000 },
    );
    const outcome = failureOf(command);
    expect(await eventually(running)).toBe(true);
    controller.abort();
    expect((await outcome).code).toBe(code);
    expect(await eventually(async () => !(await running()))).toBe(true);
  });

  it('explains a missing sudo instead of running without it', async () => {
    const error = await failureOf(host.run(['id', '-u'], { sudo: true }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/sudo is not installed/);
  });
});

describe('SFTP', () => {
  let host: SshHost;
  let folder = '';
  beforeAll(async () => {
    host = newPool().host(target(keyUser.name, keyAuth));
    const home = (await host.exec(['printenv', 'HOME'])).stdout.trim();
    folder = `${home}/sftp-${randomBytes(4).toString('hex')}`;
  });
  afterAll(async () => {
    await host.exec(['rm', '-rf', '--', folder]);
  });

  it('writes atomically with the mode asked, reads back, and hashes', async () => {
    const path = `${folder}/etc/exporter's config.yml`;
    await host.mkdirp(`${folder}/etc`);
    await host.mkdirp(`${folder}/etc`);
    expect((await host.stat(`${folder}/etc`))?.type).toBe('directory');

    const first = Buffer.from('first: 1\n');
    await host.writeFile(path, first, { mode: 0o640 });
    const second = Buffer.concat([Buffer.from('second: 2\n'), randomBytes(100_000)]);
    await host.writeFile(path, second, { mode: 0o600 });

    expect(await host.readFile(path)).toEqual(second);
    expect(await host.stat(path)).toMatchObject({ type: 'file', size: second.length, mode: 0o600 });
    const listing = await host.exec(['ls', '-A', '--', `${folder}/etc`]);
    expect(listing.stdout).toBe(`exporter's config.yml\n`);
    expect(await host.sha256(path)).toBe(createHash('sha256').update(second).digest('hex'));

    const tooBig = await failureOf(host.readFile(path, { maxBytes: 1000 }));
    expect(sshFailureOf(tooBig)).toBe('OUTPUT_TOO_LARGE');
  });

  it('removes files and folders, and a missing path is fine', async () => {
    await host.mkdirp(`${folder}/gone`);
    await host.writeFile(`${folder}/gone/file`, 'x');
    await host.remove(`${folder}/gone/file`);
    await host.remove(`${folder}/gone/file`);
    await host.remove(`${folder}/gone`);
    expect(await host.stat(`${folder}/gone`)).toBeUndefined();
    expect((await failureOf(host.readFile(`${folder}/gone/file`))).code).toBe('NOT_FOUND');
  });

  it('refuses to write where the user may not', async () => {
    const error = await failureOf(host.writeFile('/etc/promstead-should-not-exist', 'x'));
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('Docker through the SSH connection', () => {
  it('answers version and lists containers for a docker group member', async () => {
    const docker = newPool().host(target(keyUser.name, keyAuth)).docker(labDocker.remoteSocketPath);
    const version = await docker.version();
    expect(version.ApiVersion).toMatch(/^1\.\d+$/);
    expect(Array.isArray(await docker.listContainers({ all: true }))).toBe(true);
  });

  it('names the fix when the user may not open the socket', async () => {
    const docker = newPool().host(target(passwordUser.name, passwordAuth)).docker(labDocker.remoteSocketPath);
    const error = await failureOf(docker.version());
    expect(sshFailureOf(error)).toBe('DOCKER_PERMISSION_DENIED');
    expect(error.code).toBe('DOCKER_PERMISSION_DENIED');
    expect(error.message).toMatch(/docker group/);
  });
});

describe('the connection pool', () => {
  it('shares one connection between callers and reconnects after it closes or drops', async () => {
    const pool = newPool();
    const keyTarget = target(keyUser.name, keyAuth);
    const [first, second] = await Promise.all([pool.acquire(keyTarget), pool.acquire(keyTarget)]);
    expect(second).toBe(first);
    const host = pool.host(keyTarget);
    await host.exec(['true']);
    await host.exec(['true']);
    expect(await pool.acquire(keyTarget)).toBe(first);

    await pool.close(keyTarget);
    expect(first.isOpen).toBe(false);
    const reopened = await pool.acquire(keyTarget);
    expect(reopened.id).not.toBe(first.id);

    // A real drop: the session's own sshd process (the shell's parent) is killed.
    await host.exec(['sh', '-c', 'kill -TERM "$PPID"']).catch(() => undefined);
    await reopened.whenClosed();
    expect((await host.exec(['id', '-un'])).stdout).toBe(`${keyUser.name}\n`);
    expect((await pool.acquire(keyTarget)).id).not.toBe(reopened.id);
  });
});
