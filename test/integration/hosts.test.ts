// Hosts through the engine's contract, against the lab NAS's real sshd: the first
// contact shows the key to confirm, adding pins it and proves the login, a changed key is
// refused with how to re-pin, and a wrong password never saves a host.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Host, HostKey, PreflightReport, Result } from '@shared/contract';
import { Engine } from '../../electron/services/engine';
import { labHosts, labSsh } from '../lab/lab-facts';
import { runPromstead } from './fixtures/promstead-cli';

const execFileAsync = promisify(execFile);
/** A valid fingerprint that is not the NAS's. */
const otherFingerprint = 'SHA256:/SibRsPnc1gdnJvXcaqNktbvtTQ8pttutJzjIoGbsTk';

let dataDir = '';
let engine: Engine;
let fingerprint = '';

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = (await engine.invoke(name, input, 'test')) as Result<T>;
  if (!result.ok) throw Object.assign(new Error(result.error.message), { apiError: result.error });
  return result.data;
}

async function failure(name: string, input: unknown): Promise<ApiError> {
  const result = await engine.invoke(name, input, 'test');
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: ApiError }).error;
}

const nas = { address: labHosts.nas.address, port: labSsh.port };
const keyFileAuth = { kind: 'keyFile', keyPath: labSsh.keyUser.privateKeyPath } as const;

beforeAll(async () => {
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`]);
  fingerprint = stdout.split(' ')[1] ?? '';
  dataDir = await mkdtemp(join(tmpdir(), 'promstead-hosts-'));
  engine = await Engine.open({ dataDir, transport: 'cli', version: 'test' });
});

afterAll(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('hosts', () => {
  it('shows the key ssh-keygen -lf prints, before anything is saved', async () => {
    const key = await call<HostKey>('hosts.scanKey', nas);
    expect(key).toEqual({ fingerprint, keyType: 'ssh-ed25519' });
    expect((await call<{ hosts: Host[] }>('hosts.list', {})).hosts).toEqual([]);
  });

  it('refuses to add a host whose key is not the one confirmed', async () => {
    const error = await failure('hosts.add', {
      ...nas,
      username: labSsh.keyUser.name,
      auth: keyFileAuth,
      fingerprint: otherFingerprint,
    });
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toContain(fingerprint);
  });

  it('adds the NAS with a key file, pinned, and lists it', async () => {
    const host = await call<Host>('hosts.add', {
      name: 'DiskStation',
      ...nas,
      username: labSsh.keyUser.name,
      auth: keyFileAuth,
      fingerprint,
    });
    expect(host).toMatchObject({
      id: 'diskstation',
      address: nas.address,
      hostKey: { fingerprint, keyType: 'ssh-ed25519' },
      privilege: { kind: 'none' },
    });
    expect((await call<{ hosts: Host[] }>('hosts.list', {})).hosts.map((entry) => entry.id)).toEqual([
      'diskstation',
    ]);
    const again = await failure('hosts.add', {
      ...nas,
      username: labSsh.keyUser.name,
      auth: keyFileAuth,
      fingerprint,
    });
    expect(again.code).toBe('CONFLICT');
  });

  it('adds a password login with the password in the secret store only', async () => {
    const { id: passwordSecretId } = await call<{ id: string }>('secrets.put', {
      value: labSsh.passwordUser.password,
      label: 'labuser on the NAS',
    });
    const wrong = await call<{ id: string }>('secrets.put', { value: 'not-the-password', label: 'wrong' });
    const refused = await failure('hosts.add', {
      name: 'nas-wrong',
      ...nas,
      username: labSsh.passwordUser.name,
      auth: { kind: 'password', passwordSecretId: wrong.id },
      fingerprint,
    });
    expect(refused.code).toBe('SSH_AUTH_FAILED');
    expect(refused.message).not.toContain('not-the-password');

    await call<Host>('hosts.add', {
      name: 'nas-labuser',
      ...nas,
      username: labSsh.passwordUser.name,
      auth: { kind: 'password', passwordSecretId },
      fingerprint,
    });
    const saved = await readFile(join(dataDir, 'hosts.json'), 'utf8');
    expect(saved).toContain(passwordSecretId);
    expect(saved).not.toContain(labSsh.passwordUser.password);
    expect((await call<{ hosts: Host[] }>('hosts.list', {})).hosts.map((entry) => entry.id)).toEqual([
      'diskstation',
      'nas-labuser',
    ]);
  });

  it('refuses a host whose key changed, and re-pins only to the key it presents', async () => {
    // What a reinstalled NAS looks like from here: the saved pin no longer matches.
    const file = join(dataDir, 'hosts.json');
    const saved = await readFile(file, 'utf8');
    await writeFile(file, saved.replaceAll(fingerprint, otherFingerprint));
    const reopened = await Engine.open({ dataDir, transport: 'cli', version: 'test' });
    try {
      const result = await reopened.invoke(
        'hosts.repin',
        { id: 'diskstation', fingerprint: otherFingerprint },
        'test',
      );
      expect(result.ok).toBe(false);
      expect((result as { ok: false; error: ApiError }).error.code).toBe('HOST_KEY_MISMATCH');
      const repinned = await reopened.invoke('hosts.repin', { id: 'diskstation', fingerprint }, 'test');
      expect(repinned.ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('preflights the NAS through the engine: Docker for this user, so the Docker method', async () => {
    const { jobId } = await call<{ jobId: string }>('hosts.preflight', {
      hostId: 'diskstation',
      ports: [22],
    });
    const end = await engine.waitForJob(jobId);
    expect(end.type).toBe('done');
    const report = (end as { result: PreflightReport }).result;
    expect(report.installMethod.method).toBe('docker');
    expect(report.facts.portsInUse.find((entry) => entry.port === 22)?.inUse).toBe(true);
    expect(report.checks.find((check) => check.id === 'docker')?.status).toBe('ok');
  });

  it('forgets a host', async () => {
    await call<Host>('hosts.remove', { id: 'nas-labuser' });
    expect((await call<{ hosts: Host[] }>('hosts.list', {})).hosts.map((entry) => entry.id)).toEqual([
      'diskstation',
    ]);
    expect((await failure('hosts.remove', { id: 'nas-labuser' })).code).toBe('NOT_FOUND');
  });
});

describe('promstead host (the real command)', () => {
  const run = runPromstead;

  it('shows the key to check, adds with --fingerprint, lists and removes', async () => {
    const home = await mkdtemp(join(tmpdir(), 'promstead-host-cli-'));
    try {
      const login = `${labSsh.keyUser.name}@${labHosts.nas.address}`;
      const unconfirmed = await run(home, 'host', 'add', login, '--key', labSsh.keyUser.privateKeyPath);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain(`--fingerprint ${fingerprint}`);

      const added = await run(
        home,
        'host',
        'add',
        login,
        '--key',
        labSsh.keyUser.privateKeyPath,
        '--fingerprint',
        fingerprint,
        '--name',
        'nas',
      );
      expect(added.stderr).toBe('');
      expect(added.stdout).toContain(`added nas: ${login}:22, key ${fingerprint} pinned`);

      const preflight = await run(home, 'host', 'preflight', 'nas', '--ports', '22');
      expect(preflight.code).toBe(0);
      expect(preflight.stdout).toMatch(/^WARN {2}Ports in use: In use: 22/m);
      expect(preflight.stdout).toMatch(/^install method: docker/m);

      const listed = await run(home, 'host', 'list', '--json');
      expect((JSON.parse(listed.stdout) as Host[]).map((host) => host.id)).toEqual(['nas']);
      expect((await run(home, 'host', 'remove', 'nas')).code).toBe(0);
      expect((await run(home, 'host', 'list')).stdout).toContain('No hosts yet');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 120_000);
});
