// The systemd host's root filesystem: Debian bookworm from debootstrap (minbase plus
// systemd and sshd), with the units that make no sense in a container masked and the
// lab users created. Built once into the cache; rebuilt when missing or when its recipe
// changes. Per-boot files (machine-id, keys) go into the boot's overlay, not here.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { run } from '../../core/command';
import type { LabLog } from '../../core/component';
import { labSystemdHost } from '../../lab-facts';
import { systemdHostPaths } from './systemd-host-paths';

const { deployer, limited } = labSystemdHost;

/** Bump when the build steps below change in a way the recipe does not show. */
const buildFormat = 1;

const includedPackages = [
  'systemd',
  'systemd-sysv',
  'openssh-server',
  'dbus',
  'iproute2',
  'sudo',
  'curl',
  'ca-certificates',
] as const;

/** Would fail, or reach into the machine, from inside a container. */
const maskedUnits = [
  'systemd-sysctl.service',
  'systemd-binfmt.service',
  'systemd-modules-load.service',
  'kmod-static-nodes.service',
  'sys-kernel-config.mount',
  'sys-kernel-debug.mount',
  'sys-kernel-tracing.mount',
  'sys-fs-fuse-connections.mount',
  'dev-hugepages.mount',
  'systemd-firstboot.service',
  'systemd-repart.service',
  'systemd-remount-fs.service',
  'systemd-machine-id-commit.service',
  'getty.target',
  'console-getty.service',
  'getty@.service',
  'serial-getty@.service',
  'apt-daily.timer',
  'apt-daily-upgrade.timer',
  'fstrim.timer',
  'e2scrub_all.timer',
  'e2scrub_reap.service',
] as const;

/** Only the per-boot host key (written at up); root by key only, others by password too. */
const sshdDropIn = [
  'HostKey /etc/ssh/ssh_host_ed25519_key',
  'PermitRootLogin prohibit-password',
  'PasswordAuthentication yes',
  'KbdInteractiveAuthentication no',
  'UseDNS no',
  // Tests open many connections at once; the default (10:30:100) drops some.
  'MaxStartups 200',
  'MaxSessions 100',
  '',
].join('\n');

const sudoersDropIn = `${deployer.name} ALL=(ALL:ALL) NOPASSWD: ALL\n`;

const hostsFile = [
  '127.0.0.1 localhost',
  `127.0.1.1 ${labSystemdHost.hostname}`,
  '::1 localhost ip6-localhost ip6-loopback',
  '',
].join('\n');

function recipe(): Record<string, unknown> {
  return {
    buildFormat,
    suite: labSystemdHost.debianSuite,
    includedPackages,
    maskedUnits,
    sshdDropIn,
    sudoersDropIn,
    hostsFile,
    hostname: labSystemdHost.hostname,
    deployer,
    limited,
  };
}

export function rootfsRecipeHash(): string {
  return createHash('sha256').update(JSON.stringify(recipe())).digest('hex').slice(0, 16);
}

export async function rootfsIsCurrent(): Promise<boolean> {
  const stamp = await readFile(systemdHostPaths.rootfsStamp, 'utf8').catch(() => '');
  return stamp.trim() === rootfsRecipeHash() && existsSync(`${systemdHostPaths.rootfs}/lib/systemd/systemd`);
}

/** The Debian mirror the machine's apt uses (deb822 first, then the one-line format). */
export async function debianMirror(suite: string): Promise<string> {
  const deb822 = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
  for (const stanza of deb822.split(/\n\s*\n/)) {
    const field = (name: string): string[] =>
      new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
    const uri = field('URIs')[0];
    if (field('Types').includes('deb') && field('Suites').includes(suite) && uri) return uri;
  }
  const oneLine = await readFile('/etc/apt/sources.list', 'utf8').catch(() => '');
  const match = new RegExp(`^deb\\s+(?:\\[[^\\]]*\\]\\s+)?(\\S+)\\s+${suite}\\s`, 'm').exec(oneLine);
  return match?.[1] ?? 'http://deb.debian.org/debian';
}

async function inChroot(root: string, argv: readonly string[], input?: string): Promise<void> {
  await run('chroot', [root, ...argv], { input, timeoutMs: 60_000 });
}

async function customize(root: string): Promise<void> {
  for (const unit of maskedUnits) {
    const path = `${root}/etc/systemd/system/${unit}`;
    await rm(path, { force: true });
    await symlink('/dev/null', path);
  }
  // Host keys come per boot; the ones the package generated would be shared by every run.
  await run('sh', ['-c', 'rm -f "$1"/etc/ssh/ssh_host_*', 'sh', root]);
  await writeFile(`${root}/etc/ssh/sshd_config.d/promstead-lab.conf`, sshdDropIn, { mode: 0o644 });
  await writeFile(`${root}/etc/hostname`, `${labSystemdHost.hostname}\n`);
  await writeFile(`${root}/etc/hosts`, hostsFile);
  // debootstrap copied the machine's resolver; the lab has no DNS, so names fail at once.
  await rm(`${root}/etc/resolv.conf`, { force: true });
  await writeFile(`${root}/etc/resolv.conf`, '# No DNS inside the Promstead lab.\n');
  // Written per boot; an empty file here keeps one id from being shared by every run.
  await writeFile(`${root}/etc/machine-id`, '');
  for (const user of [deployer, limited]) {
    await inChroot(root, [
      'useradd',
      '--create-home',
      '--uid',
      String(user.uid),
      '--user-group',
      '--shell',
      '/bin/bash',
      user.name,
    ]);
  }
  // '*': no password but not locked, so the key login is not refused.
  await inChroot(root, ['usermod', '--password', '*', deployer.name]);
  await inChroot(root, ['chpasswd'], `${limited.name}:${limited.password}\n`);
  await writeFile(`${root}/etc/sudoers.d/${deployer.name}`, sudoersDropIn, { mode: 0o440 });
  await inChroot(root, ['visudo', '--check', '--quiet', '--file', `/etc/sudoers.d/${deployer.name}`]);
}

/** libnss-mymachines (from systemd-container) would rewrite nsswitch.conf: refuse it. */
async function checkRootfs(root: string): Promise<void> {
  const nsswitch = await readFile(`${root}/etc/nsswitch.conf`, 'utf8');
  if (nsswitch.includes('mymachines')) throw new Error('the rootfs has libnss-mymachines (nsswitch.conf)');
  if (!existsSync(`${root}/usr/sbin/sshd`)) throw new Error('the rootfs has no sshd');
}

export async function buildRootfs(log: LabLog): Promise<void> {
  const started = Date.now();
  const { rootfs, rootfsBuildDir, debCache, rootfsStamp } = systemdHostPaths;
  const suite = labSystemdHost.debianSuite;
  const mirror = await debianMirror(suite);
  log(`systemd-host: building the ${suite} rootfs with debootstrap from ${mirror} (about a minute or two)`);
  await rm(rootfsBuildDir, { recursive: true, force: true });
  await mkdir(debCache, { recursive: true });
  await run(
    'debootstrap',
    [
      '--variant=minbase',
      `--include=${includedPackages.join(',')}`,
      `--cache-dir=${debCache}`,
      suite,
      rootfsBuildDir,
      mirror,
    ],
    { timeoutMs: 1_200_000 },
  );
  await customize(rootfsBuildDir);
  await checkRootfs(rootfsBuildDir);
  await rm(rootfsStamp, { force: true });
  await rm(rootfs, { recursive: true, force: true });
  await rename(rootfsBuildDir, rootfs);
  await writeFile(rootfsStamp, `${rootfsRecipeHash()}\n`);
  log(`systemd-host: rootfs built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
