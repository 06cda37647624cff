// Adding, listing, re-pinning and removing hosts, and connecting to them: the first
// contact shows the host key for confirmation, adding pins it and proves the login works,
// and every later connection is refused when the key changes.
import {
  HostAddDockerInputSchema,
  HostAddInputSchema,
  PromsteadError,
  type DockerHostRecord,
  type Host,
  type HostAddDockerInput,
  type HostAddInput,
  type HostKey,
  type PreflightReport,
  type SshHostRecord,
} from '@shared/contract';
import type { RenderContext } from '../exporters';
import type { JobContext } from '../jobs';
import type { SecretStore } from '../store';
import type { SshAuth, SshConnectionPool, SshTarget } from '../ssh';
import { sshOf, sshProcReader, type DeployTarget } from './deploy-target';
import { dockerProcReader, endpointError, openDockerEndpoint } from './docker-endpoint';
import { helperImageReference } from './helper-image';
import { hostIdFor, type HostStore } from './host-store';
import { runPreflight } from './preflight';

export interface HostServiceDependencies {
  store: HostStore;
  pool: SshConnectionPool;
  secrets: SecretStore;
  renderContext: () => RenderContext;
  /** The helper image's tag from the settings (Docker endpoints read /proc through it). */
  helperImageTag?: () => string | undefined;
  now?: () => number;
}

export class HostService {
  private readonly now: () => number;

  constructor(private readonly deps: HostServiceDependencies) {
    this.now = deps.now ?? Date.now;
  }

  list(): Host[] {
    return this.deps.store.list();
  }

  get(id: string): Host {
    return this.deps.store.get(id);
  }

  /** The key the host presents, for the user to compare before it is pinned. No credentials are sent. */
  scanKey(address: string, port: number): Promise<HostKey> {
    return this.deps.pool.fetchHostKey({ host: address, port, username: 'promstead' });
  }

  /** Pins the confirmed key, logs in once to prove the credentials, then saves the host. */
  async add(rawInput: HostAddInput): Promise<Host> {
    const input = HostAddInputSchema.parse(rawInput);
    const name = input.name?.trim() || input.address;
    const taken = new Set(this.deps.store.list().map((host) => host.id));
    const seen = await this.scanKey(input.address, input.port);
    if (seen.fingerprint !== input.fingerprint) {
      throw new PromsteadError(
        'HOST_KEY_MISMATCH',
        `${input.address} presents ${seen.fingerprint}, not the ${input.fingerprint} you confirmed: check the host before adding it.`,
        { fingerprint: seen.fingerprint, keyType: seen.keyType },
      );
    }
    const host: SshHostRecord = {
      kind: 'ssh',
      id: hostIdFor(name, taken),
      name,
      address: input.address,
      port: input.port,
      username: input.username,
      auth: input.auth,
      hostKey: { ...seen, pinnedAt: this.now() },
      privilege: input.privilege ?? (input.username === 'root' ? { kind: 'root' } : { kind: 'none' }),
      ...(input.discoveredAddress ? { discoveredAddress: input.discoveredAddress } : {}),
      createdAt: this.now(),
    };
    const target = await this.sshTarget(host);
    try {
      await this.deps.pool.acquire(target);
    } finally {
      // The credentials were only tried; the next use opens the connection afresh.
      await this.deps.pool.close(target);
    }
    return this.deps.store.add(host);
  }

  /** A Docker Engine without SSH: proves it answers (and, for TLS, that both certificates check out), then saves it. */
  async addDocker(rawInput: HostAddDockerInput): Promise<Host> {
    const input = HostAddDockerInputSchema.parse(rawInput);
    const name = input.name?.trim() || input.address;
    const taken = new Set(this.deps.store.list().map((host) => host.id));
    const docker = await openDockerEndpoint(input.address, input.endpoint);
    try {
      await docker.version();
    } catch (error) {
      throw endpointError(input.address, input.endpoint, error);
    }
    const host: DockerHostRecord = {
      kind: 'docker',
      id: hostIdFor(name, taken),
      name,
      address: input.address,
      endpoint: input.endpoint,
      ...(input.discoveredAddress ? { discoveredAddress: input.discoveredAddress } : {}),
      createdAt: this.now(),
    };
    return this.deps.store.add(host);
  }

  /** After the user checked that a key change is expected (a reinstalled host). */
  async repin(id: string, fingerprint: string): Promise<Host> {
    const host = this.sshHost(id, 're-pinning a host key');
    const seen = await this.scanKey(host.address, host.port);
    if (seen.fingerprint !== fingerprint) {
      throw new PromsteadError(
        'HOST_KEY_MISMATCH',
        `${host.address} presents ${seen.fingerprint}, not ${fingerprint}: nothing was changed.`,
        { fingerprint: seen.fingerprint, keyType: seen.keyType },
      );
    }
    await this.deps.pool.close({ host: host.address, port: host.port, username: host.username });
    return this.deps.store.update(id, (current) => ({
      ...(current as SshHostRecord),
      hostKey: { ...seen, pinnedAt: this.now() },
    }));
  }

  async remove(id: string): Promise<Host> {
    const host = await this.deps.store.remove(id);
    if (host.kind === 'ssh')
      await this.deps.pool.close({ host: host.address, port: host.port, username: host.username });
    return host;
  }

  /**
   * Reads the host, and when it finds that root-only steps can run with more than the
   * host was set up with (root, or sudo that asks no password), saves that.
   */
  async preflight(
    id: string,
    ports: readonly number[],
    job: JobContext<'hosts.preflight'>,
  ): Promise<PreflightReport> {
    const target = await this.target(id);
    const report = await runPreflight(sshOf(target, 'the preflight'), {
      privilege: target.privilege,
      ...(target.sudoPassword !== undefined ? { sudoPassword: target.sudoPassword } : {}),
      ports,
      job,
    });
    const { configured, suggested, sudo } = report.facts.privilege;
    const passwordless = suggested === 'sudo' && sudo === 'passwordless';
    if (configured === 'none' && (suggested === 'root' || passwordless)) {
      await this.deps.store.update(id, (current) => ({ ...current, privilege: { kind: suggested } }));
      job.log(
        'info',
        `Root-only steps on ${target.host.name} will use ${suggested === 'root' ? 'root' : 'sudo'}.`,
      );
    }
    return report;
  }

  /** Everything a deploy step needs for this host, connected lazily through the pool. */
  async target(id: string): Promise<DeployTarget> {
    const host = this.deps.store.get(id);
    if (host.kind === 'docker') return this.dockerTarget(host);
    const ssh = this.deps.pool.host(await this.sshTarget(host));
    const sudoPassword =
      host.privilege.kind === 'sudo' && host.privilege.passwordSecretId
        ? await this.secret(host.privilege.passwordSecretId, 'sudo password')
        : undefined;
    return {
      host,
      ssh,
      docker: () => ssh.docker(),
      readHostProc: sshProcReader(ssh),
      privilege: host.privilege,
      ...(sudoPassword !== undefined ? { sudoPassword } : {}),
      renderContext: this.deps.renderContext(),
      readSecret: (secretId) => this.secret(secretId, 'secret'),
    };
  }

  private async dockerTarget(host: DockerHostRecord): Promise<DeployTarget> {
    const renderContext = this.deps.renderContext();
    const tag = this.deps.helperImageTag?.();
    const client = await openDockerEndpoint(host.address, host.endpoint).catch((error: unknown) => {
      throw endpointError(host.address, host.endpoint, error);
    });
    return {
      host,
      docker: () => client,
      readHostProc: dockerProcReader(
        () => client,
        () => helperImageReference(renderContext, tag ? { tag } : undefined),
      ),
      // The daemon runs containers as root: nothing on such a host needs sudo.
      privilege: { kind: 'root' },
      renderContext,
      readSecret: (secretId) => this.secret(secretId, 'secret'),
    };
  }

  private sshHost(id: string, what: string): SshHostRecord {
    const host = this.deps.store.get(id);
    if (host.kind === 'ssh') return host;
    throw new PromsteadError(
      'VALIDATION',
      `${host.name} is a Docker endpoint without SSH: ${what} applies to SSH hosts only.`,
    );
  }

  private async sshTarget(
    host: Pick<SshHostRecord, 'address' | 'port' | 'username' | 'auth' | 'hostKey'>,
  ): Promise<SshTarget> {
    return {
      host: host.address,
      port: host.port,
      username: host.username,
      auth: await this.sshAuth(host.auth),
      hostKeyFingerprint: host.hostKey.fingerprint,
    };
  }

  private async sshAuth(auth: SshHostRecord['auth']): Promise<SshAuth> {
    switch (auth.kind) {
      case 'agent':
        return { kind: 'agent' };
      case 'keyFile':
        return {
          kind: 'privateKey',
          privateKeyPath: auth.keyPath,
          ...(auth.passphraseSecretId
            ? { passphrase: await this.secret(auth.passphraseSecretId, 'key passphrase') }
            : {}),
        };
      case 'password':
        return { kind: 'password', password: await this.secret(auth.passwordSecretId, 'password') };
    }
  }

  private async secret(id: string, what: string): Promise<string> {
    try {
      return await this.deps.secrets.get(id);
    } catch (error) {
      if (error instanceof PromsteadError && error.code === 'NOT_FOUND') {
        throw new PromsteadError(
          'SECRET_UNAVAILABLE',
          `The ${what} (secret ${id}) is not in the secret store any more: enter it again for this host.`,
        );
      }
      throw error;
    }
  }
}
