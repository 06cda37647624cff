// The remote commands of the systemd method, as argv arrays the SSH layer quotes word by
// word: nothing here is a shell string, and every name and path is checked first so a
// hostile value can neither become an option nor leave the places it is meant for.
import { type LinuxArchitecture, PromsteadError } from '@shared/contract';

const unitNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,100}\.service$/;
// useradd's own rule (Debian's NAME_REGEX) without the trailing $ for machine accounts.
const userPattern = /^[a-z_][a-z0-9_-]{0,31}$/;
const ownerPattern = /^[a-z_][a-z0-9_-]{0,31}$/;

export const unitDirectory = '/etc/systemd/system';

export function checkUnitName(name: string): string {
  if (!unitNamePattern.test(name)) {
    throw new PromsteadError(
      'VALIDATION',
      `"${name}" is not a systemd service name (like node_exporter.service).`,
    );
  }
  return name;
}

export function checkUser(name: string): string {
  if (!userPattern.test(name) || name === 'root') {
    throw new PromsteadError(
      'VALIDATION',
      `"${name}" is not a system user name Promstead may create or use.`,
    );
  }
  return name;
}

/** Absolute, normalised, printable: no `..`, no `//`, no control characters, not `/`. */
export function checkRemotePath(path: string): string {
  const ok =
    path.startsWith('/') &&
    path.length > 1 &&
    path.length <= 4096 &&
    !path.endsWith('/') &&
    ![...path].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f) &&
    path
      .split('/')
      .slice(1)
      .every((part) => part !== '' && part !== '.' && part !== '..');
  if (!ok) throw new PromsteadError('VALIDATION', `"${path}" is not an absolute, normalised path.`);
  return path;
}

export interface FileOwner {
  user: string;
  group: string;
}

/** `user:group` from the catalog (root's when absent). */
export function parseOwner(owner: string | undefined): FileOwner {
  if (owner === undefined) return { user: 'root', group: 'root' };
  const [user = '', group = '', ...rest] = owner.split(':');
  if (rest.length > 0 || !ownerPattern.test(user) || !ownerPattern.test(group)) {
    throw new PromsteadError('VALIDATION', `"${owner}" is not an owner like user:group.`);
  }
  return { user, group };
}

export function unitPath(unitName: string): string {
  return `${unitDirectory}/${checkUnitName(unitName)}`;
}

/** Where the previous content waits while an apply may still roll back. */
export function backupPath(path: string): string {
  return `${checkRemotePath(path)}.promstead-previous`;
}

function octal(mode: number): string {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new PromsteadError('VALIDATION', `${mode} is not a permission mode.`);
  }
  return mode.toString(8).padStart(4, '0');
}

/** Copies a staged file into place with its mode and owner in one step (no window with wrong ones). */
export function installFileArgv(
  staged: string,
  destination: string,
  mode: number,
  owner: FileOwner,
): string[] {
  return [
    'install',
    '-m',
    octal(mode),
    '-o',
    owner.user,
    '-g',
    owner.group,
    '-T',
    '--',
    checkRemotePath(staged),
    checkRemotePath(destination),
  ];
}

export function installDirectoryArgv(path: string, mode: number, owner: FileOwner): string[] {
  return [
    'install',
    '-d',
    '-m',
    octal(mode),
    '-o',
    owner.user,
    '-g',
    owner.group,
    '--',
    checkRemotePath(path),
  ];
}

/** `cp -p` keeps the owner and mode, so a restore puts back exactly what was there. */
export function backupArgv(path: string): string[] {
  return ['cp', '-p', '-T', '--', checkRemotePath(path), backupPath(path)];
}

export function restoreArgv(path: string): string[] {
  return ['mv', '-f', '-T', '--', backupPath(path), checkRemotePath(path)];
}

export function removeFileArgv(path: string): string[] {
  return ['rm', '-f', '--', checkRemotePath(path)];
}

export function removeDirectoryArgv(path: string): string[] {
  return ['rmdir', '--', checkRemotePath(path)];
}

export function useraddArgv(user: string): string[] {
  return [
    'useradd',
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    '--',
    checkUser(user),
  ];
}

export function userdelArgv(user: string): string[] {
  return ['userdel', '--', checkUser(user)];
}

export function getentArgv(user: string): string[] {
  return ['getent', 'passwd', '--', checkUser(user)];
}

/** `%F|%a|%U|%G`: type, octal mode, owner, group; one line. */
export function statArgv(path: string): string[] {
  return ['stat', '-c', '%F|%a|%U|%G', '--', checkRemotePath(path)];
}

export function catArgv(path: string): string[] {
  return ['cat', '--', checkRemotePath(path)];
}

type SystemctlVerb = 'enable' | 'disable' | 'restart' | 'stop' | 'is-enabled' | 'is-active';

export function systemctlArgv(
  verb: SystemctlVerb | 'daemon-reload',
  unitName?: string,
  now = false,
): string[] {
  if (verb === 'daemon-reload') return ['systemctl', 'daemon-reload'];
  if (unitName === undefined) throw new PromsteadError('INTERNAL', `systemctl ${verb} needs a unit.`);
  return ['systemctl', verb, ...(now ? ['--now'] : []), '--', checkUnitName(unitName)];
}

/** ActiveState=, SubState= and NRestarts= lines, in systemd's order (not the asked one). */
export function unitStatusArgv(unitName: string): string[] {
  return [
    'systemctl',
    'show',
    '-p',
    'ActiveState',
    '-p',
    'SubState',
    '-p',
    'NRestarts',
    '--',
    checkUnitName(unitName),
  ];
}

export function journalArgv(unitName: string): string[] {
  return ['journalctl', '--no-pager', '-o', 'cat', '-n', '8', '-u', checkUnitName(unitName)];
}

const architectures: Record<string, LinuxArchitecture> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'armv7',
  armv6l: 'armv6',
  i386: '386',
  i686: '386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
};

/** `uname -m` as the release archives name it. */
export function architectureOf(unameMachine: string): LinuxArchitecture {
  const arch = architectures[unameMachine.trim()];
  if (!arch) {
    throw new PromsteadError(
      'VALIDATION',
      `No exporter release is built for this host's architecture (${unameMachine.trim()}).`,
    );
  }
  return arch;
}

/** `Key=value` lines of `systemctl show` as a record. */
export function parseShow(stdout: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of stdout.split('\n').slice(0, 100)) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return values;
}
