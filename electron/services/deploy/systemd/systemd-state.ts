// Reads what a systemd host has now, over SSH with the host's privilege: its
// architecture, the binary's hash, the service user, the unit's file and state, and
// every config file or folder (type, mode, owner, hash) plus the missing parents.
import { type LinuxArchitecture, PromsteadError } from '@shared/contract';
import type { SshHost, SudoMode } from '../../ssh';
import type { DeployTarget } from '../../hosts';
import { architectureOf, catArgv, getentArgv, statArgv, systemctlArgv } from './systemd-commands';
import type { SystemdDesired } from './systemd-desired';

export interface PathState {
  type: 'file' | 'directory' | 'other';
  mode: number;
  user: string;
  group: string;
  sha256?: string;
  /** Text of a file shown in a diff (the unit, config files without secrets). */
  content?: string;
}

export interface ExporterHostState {
  binarySha256?: string;
  userExists: boolean;
  unitFile?: PathState;
  unitEnabled: boolean;
  unitActive: boolean;
  /** Each desired config path: its state, or undefined when missing. */
  files: Map<string, PathState | undefined>;
  /** Parents of config paths that do not exist, shallowest first. */
  missingParents: string[];
}

export interface SystemdHostState {
  arch: LinuxArchitecture;
  exporters: Map<string, ExporterHostState>;
}

/** A transport failure says which command it cut short (the first two words: no paths, no secrets). */
async function naming<T>(argv: readonly string[], work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof PromsteadError && error.code === 'SSH_UNREACHABLE') {
      throw new PromsteadError(error.code, `${error.message} (${argv.slice(0, 2).join(' ')})`, error.details);
    }
    throw error;
  }
}

/** How root-only commands run on this host; refuses a host with neither root nor sudo. */
export function sudoModeOf(target: DeployTarget): SudoMode {
  if (target.privilege.kind === 'root' || (target.host.kind === 'ssh' && target.host.username === 'root'))
    return false;
  if (target.privilege.kind === 'sudo') return target.sudoPassword ? { password: target.sudoPassword } : true;
  throw new PromsteadError(
    'FORBIDDEN',
    `Installing with systemd needs root on ${target.host.name}: connect as root, or set the host's privilege to sudo.`,
  );
}

/** A view of the host that runs every command with the same privilege. */
export class PrivilegedShell {
  constructor(
    readonly ssh: SshHost,
    readonly sudo: SudoMode,
    private cancelSignal?: AbortSignal,
  ) {}

  get signal(): AbortSignal | undefined {
    return this.cancelSignal;
  }

  /** After a cancel the rollback still has to run: stop passing the aborted signal on. */
  detach(): void {
    this.cancelSignal = undefined;
  }

  run(argv: readonly string[], stdin?: string): Promise<{ stdout: string; stderr: string }> {
    return naming(
      argv,
      this.ssh.run(argv, {
        sudo: this.sudo,
        timeoutMs: 60_000,
        ...(stdin === undefined ? {} : { stdin }),
        ...(this.signal ? { signal: this.signal } : {}),
      }),
    );
  }

  exec(argv: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return naming(
      argv,
      this.ssh.exec(argv, {
        sudo: this.sudo,
        timeoutMs: 60_000,
        ...(this.signal ? { signal: this.signal } : {}),
      }),
    );
  }

  /** The path's state, undefined when nothing is there; text read when `withContent`. */
  async pathState(path: string, withContent: boolean): Promise<PathState | undefined> {
    const result = await this.exec(statArgv(path));
    if (result.code !== 0) {
      if (/No such file or directory/.test(result.stderr)) return undefined;
      throw new PromsteadError('TRANSPORT', `stat ${path} failed: ${result.stderr.trim().slice(0, 300)}`);
    }
    const [kind = '', mode = '0', user = '', group = ''] = result.stdout.trim().split('|');
    const type = kind.startsWith('regular') ? 'file' : kind === 'directory' ? 'directory' : 'other';
    const state: PathState = { type, mode: Number.parseInt(mode, 8), user, group };
    if (type !== 'file') return state;
    state.sha256 = await this.ssh.sha256(path, {
      sudo: this.sudo,
      ...(this.signal ? { signal: this.signal } : {}),
    });
    if (withContent) state.content = (await this.run(catArgv(path))).stdout;
    return state;
  }

  async userExists(user: string): Promise<boolean> {
    const result = await this.exec(getentArgv(user));
    // getent: 0 found, 2 not found; anything else is a failure to read.
    if (result.code === 0) return true;
    if (result.code === 2) return false;
    throw new PromsteadError(
      'TRANSPORT',
      `getent passwd ${user} failed: ${result.stderr.trim().slice(0, 300)}`,
    );
  }

  /** is-enabled/is-active print the state and exit non-zero for anything but yes. */
  async unitState(unitName: string): Promise<{ enabled: boolean; active: boolean }> {
    const enabled = await this.exec(systemctlArgv('is-enabled', unitName));
    const active = await this.exec(systemctlArgv('is-active', unitName));
    return { enabled: enabled.stdout.trim() === 'enabled', active: active.stdout.trim() === 'active' };
  }
}

/** Parents of `path` up to the first that exists, shallowest first (bounded by the depth). */
async function missingParentsOf(shell: PrivilegedShell, path: string): Promise<string[]> {
  const missing: string[] = [];
  const parts = path.split('/').slice(1, -1);
  for (let depth = parts.length; depth > 0; depth--) {
    const parent = `/${parts.slice(0, depth).join('/')}`;
    if (await shell.pathState(parent, false)) break;
    missing.unshift(parent);
  }
  return missing;
}

export async function readSystemdState(
  shell: PrivilegedShell,
  desired: readonly SystemdDesired[],
): Promise<SystemdHostState> {
  const arch = architectureOf((await shell.ssh.run(['uname', '-m'])).stdout);
  const exporters = new Map<string, ExporterHostState>();
  for (const entry of desired) {
    const binary = await shell.pathState(entry.binaryPath, false);
    const files = new Map<string, PathState | undefined>();
    const missingParents = new Set<string>();
    for (const file of entry.files) {
      const state = await shell.pathState(file.path, file.kind === 'file' && !file.holdsSecrets);
      files.set(file.path, state);
      if (!state) for (const parent of await missingParentsOf(shell, file.path)) missingParents.add(parent);
    }
    for (const path of [entry.binaryPath, entry.unitPath]) {
      if (!(await shell.pathState(path, false)))
        for (const parent of await missingParentsOf(shell, path)) missingParents.add(parent);
    }
    const unit = await shell.unitState(entry.unitName);
    exporters.set(entry.exporter, {
      ...(binary?.sha256 ? { binarySha256: binary.sha256 } : {}),
      userExists: await shell.userExists(entry.user),
      ...(await shell.pathState(entry.unitPath, true).then((unitFile) => (unitFile ? { unitFile } : {}))),
      unitEnabled: unit.enabled,
      unitActive: unit.active,
      files,
      missingParents: [...missingParents].sort((a, b) => a.split('/').length - b.split('/').length),
    });
  }
  return { arch, exporters };
}
