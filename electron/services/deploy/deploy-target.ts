// What the deploy steps work on: one connected host — its record, its SSH connection,
// its Docker Engine (through that connection) and how root-only steps run there.
import type Docker from 'dockerode';
import type { Host, Privilege } from '../../../shared/contract';
import type { RenderContext } from '../exporters';
import type { SshHost } from '../ssh';

export interface DeployTarget {
  host: Host;
  ssh: SshHost;
  /** dockerode over the SSH connection to the host's Docker socket. */
  docker: () => Docker;
  privilege: Privilege;
  /** The sudo password, read from the SecretStore, when the privilege needs one. */
  sudoPassword?: string;
  /** Registry mirror and per-exporter overrides from the settings. */
  renderContext: RenderContext;
  /** Reads a secret's value at apply time (config files with secret references). */
  readSecret: (id: string) => Promise<string>;
}
