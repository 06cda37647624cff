// What one boot of the systemd host is made of: the two scripts that start it (one joins
// the host's cgroups and becomes `unshare`; the other, PID 1 in the new namespaces, mounts
// the overlay, /proc, /sys, cgroups, /dev and /run, pivots and execs systemd), and the
// per-boot files written into the overlay's upper layer (machine-id, host key, keys).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { run } from '../../core/command';
import { labSystemdHost } from '../../lab-facts';
import { systemdHostPaths as paths } from './systemd-host-paths';

export interface CgroupHierarchy {
  /** Its folder under /sys/fs/cgroup. */
  dir: string;
  type: 'cgroup' | 'cgroup2';
  /** Its mount options naming the controllers (or `none,name=systemd`). */
  options: string;
}

const genericMountOptions = new Set(['rw', 'ro', 'relatime', 'nosuid', 'nodev', 'noexec', 'noatime']);

/**
 * The machine's cgroup v1 hierarchies, and the hybrid layout's cgroup2 one (`unified`):
 * the host gets a view of each rooted at its own cgroup, through its cgroup namespace.
 * Every one counts: the guest's systemd mounts any it is not given, and would then see
 * (and write into) the machine's root of it.
 */
export async function cgroupHierarchies(): Promise<CgroupHierarchy[]> {
  const mounts = await readFile('/proc/self/mounts', 'utf8');
  const hierarchies = mounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter(
      (fields) =>
        (fields[2] === 'cgroup' || fields[2] === 'cgroup2') && fields[1]?.startsWith('/sys/fs/cgroup/'),
    )
    .map((fields): CgroupHierarchy => {
      const options = (fields[3] ?? '').split(',').filter((option) => !genericMountOptions.has(option));
      const named = options.some((option) => option.startsWith('name='));
      const type = fields[2] === 'cgroup2' ? 'cgroup2' : 'cgroup';
      return {
        dir: (fields[1] ?? '').slice('/sys/fs/cgroup/'.length),
        type,
        options: type === 'cgroup2' ? '' : [...(named ? ['none'] : []), ...options].join(','),
      };
    });
  if (!hierarchies.some((hierarchy) => hierarchy.options.includes('name=systemd')))
    throw new Error('the machine has no cgroup v1 name=systemd hierarchy (cgroup v2-only is not supported)');
  return hierarchies;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Runs in the machine's namespaces: the host's cgroups, then `unshare` (the recorded pid). */
export function launchScript(hierarchies: readonly CgroupHierarchy[]): string {
  const dirs = hierarchies.map((hierarchy) => shellQuote(hierarchy.dir)).join(' ');
  return `#!/bin/bash
# Joins the systemd host's cgroups, then becomes unshare; its child becomes the host's PID 1.
set -euo pipefail
for hierarchy in ${dirs}; do
  dir=/sys/fs/cgroup/$hierarchy/${paths.cgroupName}
  mkdir -p "$dir"
  # A new cpuset starts with no CPUs and no memory nodes: give it its parent's.
  if [ -e "$dir/cpuset.cpus" ] && [ -z "$(cat "$dir/cpuset.cpus")" ]; then
    cat "$dir/../cpuset.cpus" > "$dir/cpuset.cpus"
    cat "$dir/../cpuset.mems" > "$dir/cpuset.mems"
  fi
  echo $$ > "$dir/cgroup.procs"
done
exec nsenter --net=/var/run/netns/${labSystemdHost.netns} \\
  unshare --pid --fork --kill-child --mount --uts --ipc --cgroup --propagation private \\
  /bin/bash ${shellQuote(paths.bootScript)}
`;
}

/** PID 1 of the new PID namespace until it execs systemd. */
export function bootScript(hierarchies: readonly CgroupHierarchy[]): string {
  const root = shellQuote(paths.mergedDir);
  const cgroupMounts = hierarchies
    .map(
      (hierarchy) =>
        `mkdir -p ${root}/sys/fs/cgroup/${hierarchy.dir}\nmount -t ${hierarchy.type} -o ${['nosuid,nodev,noexec', hierarchy.options].filter(Boolean).join(',')} ${hierarchy.type} ${root}/sys/fs/cgroup/${hierarchy.dir}`,
    )
    .join('\n');
  return `#!/bin/bash
# The systemd host's first process: builds its root from the overlay and becomes systemd.
set -euo pipefail
root=${root}
mount -t overlay overlay -o lowerdir=${shellQuote(paths.rootfs)},upperdir=${shellQuote(paths.upperDir)},workdir=${shellQuote(paths.workDir)} "$root"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
# Kernel settings are the machine's: read-only, as systemd-nspawn does; the host's own
# network namespace (/proc/sys/net) stays writable.
mount --bind "$root/proc/sys" "$root/proc/sys"
mount --bind "$root/proc/sys/net" "$root/proc/sys/net"
mount -o remount,bind,ro,nosuid,nodev,noexec "$root/proc/sys"
if [ -e "$root/proc/sysrq-trigger" ]; then mount --bind /dev/null "$root/proc/sysrq-trigger"; fi
# Read-only, as systemd expects in a container (udev and friends then stay off).
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
# A tmpfs of our own: the guest's systemd remounts it read-only, never the machine's.
mount -t tmpfs -o mode=755,nosuid,nodev,noexec,size=4m tmpfs "$root/sys/fs/cgroup"
${cgroupMounts}
# Our own /dev (systemd would mount devtmpfs, the machine's devices, otherwise).
mount -t tmpfs -o mode=755,nosuid,size=4m tmpfs "$root/dev"
for device in null zero full random urandom tty; do
  touch "$root/dev/$device"
  mount --bind "/dev/$device" "$root/dev/$device"
done
touch "$root/dev/console"
mount --bind /dev/null "$root/dev/console"
mkdir "$root/dev/pts" "$root/dev/shm" "$root/dev/mqueue"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5,nosuid,noexec devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
mount -t mqueue -o nosuid,nodev,noexec mqueue "$root/dev/mqueue"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -t tmpfs -o mode=755,nosuid,nodev,size=64m tmpfs "$root/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
hostname ${shellQuote(labSystemdHost.hostname)}
cd "$root"
mkdir -p .oldroot
pivot_root . .oldroot
cd /
umount --lazy /.oldroot
rmdir /.oldroot
exec env -i container=unshare TERM=dumb /lib/systemd/systemd
`;
}

/** Creates a folder of the upper layer with the owner and mode of the lower one (overlayfs shows the upper's). */
async function upperDir(relative: string, fallback: { mode: number; uid: number }): Promise<string> {
  const parts = relative.split('/').filter((part) => part !== '');
  let path = '';
  for (const part of parts) {
    path += `/${part}`;
    const upper = `${paths.upperDir}${path}`;
    if (existsSync(upper)) continue;
    const lower = await lstat(`${paths.rootfs}${path}`).catch(() => undefined);
    await mkdir(upper);
    await chown(upper, lower?.uid ?? fallback.uid, lower?.gid ?? fallback.uid);
    await chmod(upper, (lower?.mode ?? fallback.mode) & 0o7777);
  }
  return `${paths.upperDir}${path}`;
}

async function upperFile(
  relative: string,
  content: string,
  owner: { uid: number; mode: number; dirMode: number },
): Promise<void> {
  await upperDir(dirname(relative), { mode: owner.dirMode, uid: owner.uid });
  const path = `${paths.upperDir}${relative}`;
  await writeFile(path, content);
  await chown(path, owner.uid, owner.uid);
  await chmod(path, owner.mode);
}

async function generateKey(path: string, comment: string): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

/** A fresh overlay for this boot, with its machine-id, host key and the login keys in it. */
export async function prepareBoot(hierarchies: readonly CgroupHierarchy[]): Promise<void> {
  for (const dir of [paths.upperDir, paths.workDir]) await rm(dir, { recursive: true, force: true });
  for (const dir of [paths.hostDir, paths.upperDir, paths.workDir, paths.mergedDir, paths.keysDir])
    await mkdir(dir, { recursive: true });
  await generateKey(labSystemdHost.privateKeyPath, `root@promstead-lab-${labSystemdHost.hostname}`);
  await generateKey(labSystemdHost.hostKeyPath, labSystemdHost.hostname);
  const authorizedKey = await readFile(labSystemdHost.publicKeyPath, 'utf8');
  const hostKey = await readFile(labSystemdHost.hostKeyPath, 'utf8');
  const hostPublicKey = await readFile(labSystemdHost.hostPublicKeyPath, 'utf8');
  const root = { uid: 0, mode: 0o600, dirMode: 0o700 };
  await upperFile('/etc/machine-id', `${randomBytes(16).toString('hex')}\n`, { ...root, mode: 0o444 });
  await upperFile('/etc/ssh/ssh_host_ed25519_key', hostKey, root);
  await upperFile('/etc/ssh/ssh_host_ed25519_key.pub', hostPublicKey, { ...root, mode: 0o644 });
  await upperFile('/root/.ssh/authorized_keys', authorizedKey, root);
  const { deployer } = labSystemdHost;
  await upperFile(`/home/${deployer.name}/.ssh/authorized_keys`, authorizedKey, {
    uid: deployer.uid,
    mode: 0o600,
    dirMode: 0o700,
  });
  await writeFile(paths.knownHosts, `${labSystemdHost.address} ${hostPublicKey.trim()}\n`);
  await writeFile(paths.launchScript, launchScript(hierarchies), { mode: 0o755 });
  await writeFile(paths.bootScript, bootScript(hierarchies), { mode: 0o755 });
}
