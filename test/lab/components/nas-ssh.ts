// sshd on the NAS (10.203.0.20:22), in lab-nas's network namespace and a mount and
// UTS namespace of its own: hostname DiskStation, the lab users (a key user in the
// docker group, a password user), /var/run/docker.sock leading to the NAS's dockerd.
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, readlink, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { run } from '../core/command';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { isRunning, readPid, startForegroundDaemon, stopByPidfile } from '../core/daemon';
import { waitFor } from '../core/wait';
import { labHosts, labSsh } from '../lab-facts';
import { nasPaths } from './nas/nas-paths';
import { findProcesses, terminate } from './nas/processes';
import { homeOf, namespaceScript, sshdConfig, writeAccountFiles } from './nas/ssh-files';

const { keyUser, passwordUser } = labSsh;
const expectedHostname = labHosts.nas.hostname;

async function generateKey(path: string, comment: string): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

async function prepareFiles(): Promise<void> {
  for (const dir of [nasPaths.sshDir, nasPaths.sshEtcDir, nasPaths.sshAuthorizedKeys])
    await mkdir(dir, { recursive: true });
  await generateKey(labSsh.hostKeyPath, expectedHostname);
  await generateKey(keyUser.privateKeyPath, `${keyUser.name}@promstead-lab`);
  await writeFile(
    `${nasPaths.sshAuthorizedKeys}/${keyUser.name}`,
    await readFile(keyUser.publicKeyPath, 'utf8'),
    { mode: 0o644 },
  );
  for (const user of [keyUser, passwordUser]) {
    await mkdir(homeOf(user.name), { recursive: true });
    await chown(homeOf(user.name), user.uid, user.uid);
    await chmod(homeOf(user.name), 0o755);
  }
  await writeAccountFiles();
  await writeFile(nasPaths.sshConfig, sshdConfig(), { mode: 0o644 });
  await writeFile(nasPaths.sshNamespaceScript, namespaceScript(), { mode: 0o755 });
}

/** A real key login from the workstation: what the app does. */
async function keyLogin(): Promise<{ ok: boolean; detail: string }> {
  const result = await run(
    'ssh',
    [
      ...[
        '-F',
        '/dev/null',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
      ],
      ...[
        '-o',
        'ConnectTimeout=3',
        '-o',
        'LogLevel=ERROR',
        '-i',
        keyUser.privateKeyPath,
        '-p',
        String(labSsh.port),
      ],
      `${keyUser.name}@${labHosts.nas.address}`,
      'hostname; test -S /var/run/docker.sock && echo docker-socket',
    ],
    { netns: labHosts.workstation.netns, allowFailure: true, timeoutMs: 10_000 },
  );
  const [hostname, socket] = result.stdout.trim().split('\n');
  if (result.code !== 0)
    return { ok: false, detail: `key login failed: ${result.stderr.trim().slice(0, 200)}` };
  if (hostname !== expectedHostname)
    return { ok: false, detail: `hostname is ${hostname}, not ${expectedHostname}` };
  if (socket !== 'docker-socket')
    return { ok: false, detail: '/var/run/docker.sock is not the lab dockerd socket' };
  return {
    ok: true,
    detail: `${keyUser.name}@${labHosts.nas.address}:${labSsh.port} key login ok, hostname ${hostname}`,
  };
}

/** The session processes sshd leaves behind live on in its mount namespace. */
async function stopSessions(log: LabLog, namespace: string): Promise<void> {
  // Never the machine's own namespace: that would match every process.
  if (namespace === '' || namespace === (await readlink('/proc/self/ns/mnt'))) return;
  const sessions = await findProcesses((info) => info.mountNamespace === namespace);
  if (sessions.length === 0) return;
  log(
    `nas-ssh: stopping ${sessions.length} leftover session process(es): ${sessions.map((info) => info.pid).join(' ')}`,
  );
  await terminate(sessions.map((info) => info.pid));
}

/** The namespace of the recorded pid, if that pid is still ours (its command names our files). */
async function liveNamespace(): Promise<string> {
  const pid = await readPid(nasPaths.sshPidfile);
  if (pid === undefined) return '';
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!commandLine.includes(nasPaths.sshDir)) return '';
  return readlink(`/proc/${pid}/ns/mnt`).catch(() => '');
}

async function removeKeyPair(): Promise<void> {
  await rm(keyUser.privateKeyPath, { force: true });
  await rm(keyUser.publicKeyPath, { force: true });
  await rmdir(dirname(keyUser.privateKeyPath)).catch(() => undefined);
}

export const nasSsh: LabComponent = {
  name: 'nas-ssh',

  async up(log: LabLog) {
    if ((await isRunning(nasPaths.sshPidfile)) && (await keyLogin()).ok) {
      log('nas-ssh: sshd already running');
      return;
    }
    await prepareFiles();
    const pid = await startForegroundDaemon({
      argv: [
        'unshare',
        '--mount',
        '--uts',
        '--propagation',
        'slave',
        '/bin/bash',
        nasPaths.sshNamespaceScript,
      ],
      netns: labHosts.nas.netns,
      pidfile: nasPaths.sshPidfile,
      logfile: nasPaths.sshLog,
    });
    let last = '';
    await waitFor(
      `sshd on ${labHosts.nas.address}:${labSsh.port} to accept a key login`,
      async () => {
        const login = await keyLogin();
        last = login.detail;
        return login.ok;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last attempt: ${last}`);
    });
    // By now the script has exec'd sshd: the namespace is sshd's own.
    await writeFile(nasPaths.sshMountNamespace, `${await readlink(`/proc/${pid}/ns/mnt`)}\n`);
    log(
      `nas-ssh: sshd on ${labHosts.nas.address}:${labSsh.port} as ${expectedHostname}, users ${keyUser.name} (key) and ${passwordUser.name} (password)`,
    );
  },

  async down(log: LabLog) {
    // The live pid's namespace first: an up that failed before recording it still counts.
    const live = await liveNamespace();
    const recorded = (await readFile(nasPaths.sshMountNamespace, 'utf8').catch(() => '')).trim();
    await stopByPidfile(nasPaths.sshPidfile);
    await stopSessions(log, live || recorded);
    await rm(nasPaths.sshDir, { recursive: true, force: true });
    await rm(nasPaths.homeDir, { recursive: true, force: true });
    await removeKeyPair();
  },

  async status(): Promise<ComponentStatus[]> {
    const name = 'sshd (lab-nas)';
    if (!(await isRunning(nasPaths.sshPidfile))) return [{ name, state: 'down', detail: 'not running' }];
    const login = await keyLogin();
    return [{ name, state: login.ok ? 'up' : 'degraded', detail: login.detail }];
  },
};
