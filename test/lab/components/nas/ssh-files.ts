// The files sshd on the NAS runs from: lab copies of /etc/passwd, /etc/shadow and
// /etc/group (bind-mounted in sshd's own mount namespace, so the machine's are never
// touched), its config, and the script that sets up that namespace and becomes sshd.
import { readFile, writeFile } from 'node:fs/promises';
import { run } from '../../core/command';
import { labDocker, labHosts, labSsh } from '../../lab-facts';
import { nasPaths } from './nas-paths';

const { keyUser, passwordUser } = labSsh;
const labUserNames: readonly string[] = [keyUser.name, passwordUser.name];

export function homeOf(user: string): string {
  return `${nasPaths.homeDir}/${user}`;
}

function withoutLabEntries(file: string): string[] {
  return file
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => !labUserNames.includes(line.split(':')[0] ?? ''));
}

function passwdFile(machine: string): string {
  return [
    ...withoutLabEntries(machine),
    `${keyUser.name}:x:${keyUser.uid}:${keyUser.uid}:Lab admin (key login, docker):${homeOf(keyUser.name)}:/bin/bash`,
    `${passwordUser.name}:x:${passwordUser.uid}:${passwordUser.uid}:Lab user (password login):${homeOf(passwordUser.name)}:/bin/bash`,
    '',
  ].join('\n');
}

/** The key user joins `docker`, which owns the lab dockerd's socket; the password user does not. */
function groupFile(machine: string): string {
  const lines = withoutLabEntries(machine).map((line) => {
    const fields = line.split(':');
    if (fields[0] !== 'docker' || fields.length !== 4) return line;
    const members = (fields[3] ?? '')
      .split(',')
      .filter((member) => member !== '' && !labUserNames.includes(member));
    return [...fields.slice(0, 3), [...members, keyUser.name].join(',')].join(':');
  });
  if (!lines.some((line) => line.startsWith('docker:')))
    throw new Error('the machine has no docker group (docker.io creates it)');
  return [
    ...lines,
    `${keyUser.name}:x:${keyUser.uid}:`,
    `${passwordUser.name}:x:${passwordUser.uid}:`,
    '',
  ].join('\n');
}

/** Only the lab users: the machine's password hashes are not copied. */
async function shadowFile(): Promise<string> {
  const hash = (
    await run('openssl', ['passwd', '-6', '-stdin'], { input: `${passwordUser.password}\n` })
  ).stdout.trim();
  // A last-change day of 0 would force a password change at login; today's does not.
  const today = Math.floor(Date.now() / 86_400_000);
  // '*': no password, but not locked ('!' would refuse key logins too without PAM).
  return [
    `${keyUser.name}:*:${today}:0:99999:7:::`,
    `${passwordUser.name}:${hash}:${today}:0:99999:7:::`,
    '',
  ].join('\n');
}

export async function writeAccountFiles(): Promise<void> {
  const [passwd, group] = await Promise.all([
    readFile('/etc/passwd', 'utf8'),
    readFile('/etc/group', 'utf8'),
  ]);
  await writeFile(`${nasPaths.sshEtcDir}/passwd`, passwdFile(passwd), { mode: 0o644 });
  await writeFile(`${nasPaths.sshEtcDir}/group`, groupFile(group), { mode: 0o644 });
  await writeFile(`${nasPaths.sshEtcDir}/shadow`, await shadowFile(), { mode: 0o600 });
  await writeFile(`${nasPaths.sshEtcDir}/hostname`, `${labHosts.nas.hostname}\n`, { mode: 0o644 });
}

export function sshdConfig(): string {
  return [
    `ListenAddress ${labHosts.nas.address}:${labSsh.port}`,
    `HostKey ${labSsh.hostKeyPath}`,
    // The launcher records sshd's pid (the script execs it); no second pidfile.
    'PidFile none',
    `AuthorizedKeysFile ${nasPaths.sshAuthorizedKeys}/%u`,
    // The keys and homes live under /tmp, which StrictModes would refuse.
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin no',
    `AllowUsers ${keyUser.name} ${passwordUser.name}`,
    'AllowTcpForwarding yes',
    // The app reaches the NAS's docker socket through a forwarded unix socket.
    'AllowStreamLocalForwarding yes',
    'Subsystem sftp internal-sftp',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    // Tests open many connections at once; the default (10:30:100) drops some.
    'MaxStartups 200',
    'MaxSessions 100',
    'LogLevel INFO',
    '',
  ].join('\n');
}

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs as `unshare --mount --uts --propagation slave` inside lab-nas: nothing it
 * mounts reaches the machine. It ends by exec'ing sshd, so the recorded pid is sshd's.
 */
export function namespaceScript(): string {
  const bind = (name: string): string =>
    `mount --no-mtab --bind ${quote(`${nasPaths.sshEtcDir}/${name}`)} /etc/${name}`;
  return [
    '#!/bin/bash',
    '# The NAS as its SSH users see it; see nas-ssh.ts.',
    'set -euo pipefail',
    'mount --no-mtab -t tmpfs -o mode=0755,nosuid,nodev promstead-lab-run /run',
    'mkdir -m 0755 /run/sshd',
    `ln -s ${quote(labDocker.socketPath)} /run/docker.sock`,
    // sshd records logins in wtmp/lastlog: the NAS gets its own, not the machine's.
    'mount --no-mtab -t tmpfs -o mode=0755,nosuid,nodev promstead-lab-log /var/log',
    'touch /var/log/wtmp /var/log/btmp /var/log/lastlog',
    `hostname ${quote(labHosts.nas.hostname)}`,
    ...['passwd', 'shadow', 'group', 'hostname'].map(bind),
    `exec /usr/sbin/sshd -D -e -f ${quote(nasPaths.sshConfig)}`,
    '',
  ].join('\n');
}
