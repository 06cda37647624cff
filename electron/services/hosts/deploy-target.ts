// What the deploy steps work on: one connected host — its record, its Docker Engine (through
// the SSH connection, or a Docker endpoint of its own), how it reads the host's /proc, and
// how root-only steps run there.
import type Docker from 'dockerode';
import { type Host, type Privilege, PromsteadError } from '@shared/contract';
import type { RenderContext } from '../exporters';
import type { SshHost } from '../ssh';

/** `cat` of files under the host's /proc as PID 1 and the host's network see them. */
export type HostProcReader = (
  paths: readonly string[],
  signal?: AbortSignal,
) => Promise<{ code: number | null; stdout: string } | undefined>;

export interface DeployTarget {
  host: Host;
  /** The SSH connection; absent for a Docker endpoint (no shell: the systemd method needs one). */
  ssh?: SshHost;
  /** dockerode over the SSH connection to the host's Docker socket, or to the endpoint. */
  docker: () => Docker;
  /** Host facts for planning: over SSH, or from a helper container in the host's namespaces. */
  readHostProc: HostProcReader;
  privilege: Privilege;
  /** The sudo password, read from the SecretStore, when the privilege needs one. */
  sudoPassword?: string;
  /** Registry mirror and per-exporter overrides from the settings. */
  renderContext: RenderContext;
  /** Reads a secret's value at apply time (config files with secret references). */
  readSecret: (id: string) => Promise<string>;
}

/** The target's SSH connection, for the steps that need a shell on the host. */
export function sshOf(target: DeployTarget, what: string): SshHost {
  if (target.ssh) return target.ssh;
  throw new PromsteadError(
    'VALIDATION',
    `${target.host.name} is a Docker endpoint without SSH: ${what} needs a shell on the host. Use the Docker method, or add the host by SSH.`,
  );
}

/** readHostProc through an SSH connection: `cat` as the login user (/proc is world-readable). */
export function sshProcReader(ssh: SshHost): HostProcReader {
  return (paths, signal) =>
    ssh.exec(['cat', ...paths], { timeoutMs: 15_000, ...(signal ? { signal } : {}) }).catch(() => undefined);
}
