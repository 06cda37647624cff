// A real Debian host with systemd as PID 1 at 10.203.0.40 ("homeserver"), for the
// binary + systemd install method. No Docker: `unshare` gives it PID, mount, UTS, IPC
// and cgroup namespaces inside a network namespace of its own on the LAN's bridge; its
// root is an overlay over a debootstrapped rootfs kept in the cache.
// Measured on the build machine (2 cores, shared with the running lab): cold up 335 s
// (debootstrap 329 s downloading 49 MB from deb.debian.org; 131 s when only the recipe
// changed and the packages are cached), warm up 2–6 s (systemd reaches `running` 1.1–1.7 s
// after exec), up when already up 0.5 s, down 0.3–0.7 s. Memory: 19–36 MB in its memory
// cgroup (6–7 MB anonymous, the rest page cache). Disk: rootfs 285 MB and packages 49 MB
// in the cache, 8 MB per boot.
import { existsSync } from 'node:fs';
import { readdir, readFile, readlink, rm, rmdir, writeFile } from 'node:fs/promises';
import { run, succeeds } from '../core/command';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { isAlive, isRunning, readPid, startForegroundDaemon, stopByPidfile } from '../core/daemon';
import { waitFor } from '../core/wait';
import { labHosts, labPrefixLength, labSystemdHost } from '../lab-facts';
import { unmountUnder } from './nas/mounts';
import { findProcesses, terminate } from './nas/processes';
import { cgroupHierarchies, prepareBoot } from './systemd-host/boot-files';
import { memoryMegabytes, rootLogin, systemdState } from './systemd-host/host-checks';
import { buildRootfs, rootfsIsCurrent } from './systemd-host/rootfs-build';
import { systemdHostPaths as paths } from './systemd-host/systemd-host-paths';

const { netns, address, hostname } = labSystemdHost;
const lanNetns = labHosts.lan.netns;
const bridgePort = 'v-homeserver';
/**
 * A fixed MAC (locally administered, from the address): each boot makes a new veth, and
 * with a new MAC the workstation's cached ARP entry would send to the old one for seconds.
 */
const macAddress = `02:00:${address
  .split('.')
  .map((octet) => Number(octet).toString(16).padStart(2, '0'))
  .join(':')}`;
/** What systemd takes as "halt" (SIGRTMIN+3 with glibc's SIGRTMIN of 34). */
const haltSignal = 37;

function netnsExists(name: string): boolean {
  return existsSync(`/var/run/netns/${name}`);
}

async function joinLan(): Promise<void> {
  if (!netnsExists(lanNetns))
    throw new Error(`no ${lanNetns} namespace: bring the network component up first`);
  if (!netnsExists(netns)) await run('ip', ['netns', 'add', netns]);
  await run('ip', ['link', 'set', 'lo', 'up'], { netns });
  if (!(await succeeds('ip', ['link', 'show', 'eth0'], { netns }))) {
    await run('ip', [
      'link',
      'add',
      'name',
      'eth0',
      'address',
      macAddress,
      'netns',
      netns,
      'type',
      'veth',
      'peer',
      'name',
      bridgePort,
      'netns',
      lanNetns,
    ]);
  }
  await run('ip', ['link', 'set', bridgePort, 'master', 'br0', 'up'], { netns: lanNetns });
  await run('ip', ['addr', 'replace', `${address}/${labPrefixLength}`, 'dev', 'eth0'], { netns });
  await run('ip', ['link', 'set', 'eth0', 'up'], { netns });
}

/** True when the process is alive and inside the host's cgroup (so the pid was not reused). */
async function isOurs(pid: number): Promise<boolean> {
  const cgroups = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
  return (await isAlive(pid)) && inHostCgroup(cgroups);
}

function inHostCgroup(cgroups: string): boolean {
  return cgroups
    .split('\n')
    .some((line) => line.includes(`:/${paths.cgroupName}/`) || line.endsWith(`:/${paths.cgroupName}`));
}

async function liveInitPid(): Promise<number | undefined> {
  const pid = await readPid(paths.initPidfile);
  return pid !== undefined && (await isOurs(pid)) ? pid : undefined;
}

/**
 * unshare's child: the boot script, which becomes systemd under the same pid. Asked only
 * once the launcher has become unshare (before, its children are mkdir and cat), and
 * only a child in a PID namespace other than ours counts.
 */
async function hostInit(unsharePid: number): Promise<number | undefined> {
  const command = await readFile(`/proc/${unsharePid}/comm`, 'utf8').catch(() => '');
  if (command.trim() !== 'unshare') return undefined;
  const children = await readFile(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').catch(() => '');
  const child = Number(children.trim().split(/\s+/)[0]);
  if (!Number.isInteger(child) || child <= 1) return undefined;
  const [ours, its] = await Promise.all([
    readlink('/proc/self/ns/pid'),
    readlink(`/proc/${child}/ns/pid`).catch(() => ''),
  ]);
  return its !== '' && its !== ours ? child : undefined;
}

async function waitForBoot(unsharePid: number): Promise<number> {
  let initPid: number | undefined;
  let exited = false;
  let last = 'not asked yet';
  // A host that dies while booting ends the wait at once (and says why, from its log).
  const failure = async (message: string): Promise<Error> => {
    const log = await readFile(paths.log, 'utf8').catch(() => '');
    return new Error(`${message}; last state ${last}; boot log: ${log.trim().slice(-1000)}`);
  };
  await waitFor(
    "the host's PID 1 to start",
    async () => {
      exited = !(await isAlive(unsharePid));
      initPid = exited ? undefined : await hostInit(unsharePid);
      return exited || initPid !== undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  ).catch(async (error: Error) => Promise.reject(await failure(error.message)));
  if (initPid === undefined) throw await failure('the host exited before its PID 1 started');
  const init = initPid;
  await writeFile(paths.initPidfile, `${init}\n`);
  await waitFor(
    'systemd in the host to finish booting',
    async () => {
      exited = !(await isAlive(unsharePid));
      if (!exited) last = (await systemdState(init)).state;
      return exited || last === 'running' || last === 'degraded';
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  ).catch(async (error: Error) => Promise.reject(await failure(error.message)));
  if (exited) throw await failure('the host exited while booting');
  return init;
}

async function waitForSsh(): Promise<void> {
  let last = '';
  await waitFor(
    `sshd on ${address}:${labSystemdHost.sshPort} to accept root's key`,
    async () => {
      const login = await rootLogin();
      last = login.detail;
      return login.ok;
    },
    { timeoutMs: 20_000, intervalMs: 200 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last attempt: ${last}`);
  });
}

/** Halts systemd (it stops its units, then PID 1 exits and the namespace with it). */
async function halt(log: LabLog): Promise<void> {
  const initPid = await liveInitPid();
  if (initPid === undefined) return;
  try {
    process.kill(initPid, haltSignal);
  } catch {
    return; // Gone between the check and the signal.
  }
  await waitFor(`the host's systemd (pid ${initPid}) to halt`, async () => !(await isAlive(initPid)), {
    timeoutMs: 20_000,
    intervalMs: 100,
  }).catch(() => log(`systemd-host: systemd (pid ${initPid}) did not halt in time; killing it`));
}

/** The host's cgroups in every hierarchy, deepest first (systemd nests its own below). */
async function removeCgroups(): Promise<void> {
  const hierarchies = await readdir('/sys/fs/cgroup').catch(() => []);
  const removeTree = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) await removeTree(`${dir}/${entry.name}`);
    await rmdir(dir);
  };
  for (const hierarchy of hierarchies) {
    const top = `/sys/fs/cgroup/${hierarchy}/${paths.cgroupName}`;
    if (!existsSync(top)) continue;
    // A cgroup stays busy for a moment after its last process exits.
    await waitFor(`cgroup ${top} to be removable`, () => removeTree(top).then(() => true), {
      timeoutMs: 5000,
      intervalMs: 100,
    });
  }
}

async function stopHost(log: LabLog): Promise<void> {
  await halt(log);
  // unshare's --kill-child takes PID 1, and with it the whole PID namespace, if still there.
  await stopByPidfile(paths.pidfile, 5000);
  const leftovers = await findProcesses((info) => inHostCgroup(info.cgroups));
  if (leftovers.length > 0) {
    log(
      `systemd-host: stopping leftovers ${leftovers.map((info) => `${info.pid} (${info.commandLine.slice(0, 60)})`).join(', ')}`,
    );
    await terminate(leftovers.map((info) => info.pid));
  }
  await removeCgroups();
  // Deleting the namespace deletes the veth pair with it (its bridge end included).
  if (netnsExists(netns)) await run('ip', ['netns', 'delete', netns]);
  // The overlay and the rest are mounted only in the host's mount namespace; this is a guard.
  const unmounted = await unmountUnder(paths.hostDir);
  if (unmounted.length > 0) log(`systemd-host: unmounted ${unmounted.join(', ')}`);
  await rm(paths.hostDir, { recursive: true, force: true });
}

async function healthy(): Promise<boolean> {
  const initPid = await liveInitPid();
  if (initPid === undefined || !(await isRunning(paths.pidfile))) return false;
  const { state } = await systemdState(initPid);
  return (state === 'running' || state === 'degraded') && (await rootLogin()).ok;
}

export const systemdHost: LabComponent = {
  name: 'systemd-host',

  async up(log: LabLog) {
    if (await healthy()) {
      log('systemd-host: already running');
      return;
    }
    const started = Date.now();
    // Whatever a failed or half-done earlier up left: a fresh boot from here on.
    await stopHost(log);
    if (!(await rootfsIsCurrent())) await buildRootfs(log);
    await joinLan();
    const hierarchies = await cgroupHierarchies();
    await prepareBoot(hierarchies);
    const unsharePid = await startForegroundDaemon({
      argv: ['/bin/bash', paths.launchScript],
      pidfile: paths.pidfile,
      logfile: paths.log,
    });
    const initPid = await waitForBoot(unsharePid);
    await waitForSsh();
    const { state, failedUnits } = await systemdState(initPid);
    const failed = failedUnits.length > 0 ? ` (failed: ${failedUnits.join(' ')})` : '';
    log(
      `systemd-host: ${hostname} at ${address} booted (systemd ${state}${failed}, sshd up) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  },

  async down(log: LabLog) {
    await stopHost(log);
  },

  async status(): Promise<ComponentStatus[]> {
    const systemdName = `systemd (${hostname})`;
    const sshName = `sshd (${hostname})`;
    const initPid = await liveInitPid();
    if (initPid === undefined || !(await isRunning(paths.pidfile))) {
      return [
        { name: systemdName, state: 'down', detail: 'not running' },
        { name: sshName, state: 'down', detail: 'not running' },
      ];
    }
    const { state, failedUnits } = await systemdState(initPid);
    const memory = await memoryMegabytes();
    const memoryDetail =
      memory === undefined ? '' : `, memory ${memory.used} MB (${memory.anonymous} MB anonymous)`;
    const systemd: ComponentStatus =
      state === 'running'
        ? { name: systemdName, state: 'up', detail: `running (PID 1 is ${initPid} here${memoryDetail})` }
        : {
            name: systemdName,
            state: 'degraded',
            detail: `${state}${failedUnits.length > 0 ? `, failed units: ${failedUnits.join(' ')}` : ''}`,
          };
    const login = await rootLogin();
    return [systemd, { name: sshName, state: login.ok ? 'up' : 'degraded', detail: login.detail }];
  },
};
