// `promstead host add|list|remove|repin`: hosts Promstead deploys to. Adding shows the
// host key's fingerprint and pins it once confirmed (typed `yes`, or --fingerprint for
// scripts); passwords come from an environment variable, never the command line.
import { isAbsolute, resolve } from 'node:path';
import { connectionLabel, type HostAddDockerInput, type HostAuth } from '@shared/contract';
import type { Engine } from '../../services/engine';
import { callOperation, runJobOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';
import { ask } from '../prompt';
import { EXIT_FAILED, UsageError } from '../usage-error';

export const hostPasswordEnvironment = {
  login: 'PROMSTEAD_SSH_PASSWORD',
  passphrase: 'PROMSTEAD_SSH_KEY_PASSPHRASE',
  sudo: 'PROMSTEAD_SUDO_PASSWORD',
} as const;

export interface HostCommandOptions {
  name?: string;
  key?: string;
  password: boolean;
  agent: boolean;
  fingerprint?: string;
  sudo: boolean;
  port?: number;
  /** For a Docker endpoint: where its exporters are reached, and the TLS files. */
  address?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** For preflight: the ports the exporters would listen on. */
  ports?: number[];
}

const statusMark = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', info: 'info' } as const;

export async function hostCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: HostCommandOptions,
): Promise<number> {
  const [action, subject, ...rest] = args;
  if (rest.length > 0) throw new UsageError(`Too many arguments: ${rest.join(' ')}`);
  switch (action) {
    case 'list':
      if (subject) throw new UsageError('`host list` takes no argument.');
      return list(engine, out);
    case 'add':
      if (!subject)
        throw new UsageError(
          'Name the login or the Docker endpoint: `promstead host add user@address`, `unix:///var/run/docker.sock` or `tcp://address:2376`.',
        );
      if (/^(unix|tcp):\/\//.test(subject)) return addDocker(engine, out, subject, options);
      return add(engine, out, subject, options);
    case 'remove': {
      if (!subject) throw new UsageError('Name the host: `promstead host remove <id>`.');
      const host = await callOperation(engine, 'hosts.remove', { id: subject });
      if (out.json) printJson(out, host);
      else printLine(out, `removed ${host.id} (${connectionLabel(host)}); what was deployed there stays`);
      return 0;
    }
    case 'preflight': {
      if (!subject)
        throw new UsageError('Name the host: `promstead host preflight <id> [--ports 9100,9115]`.');
      const report = await runJobOperation(
        engine,
        'hosts.preflight',
        { hostId: subject, ports: options.ports ?? [] },
        out,
      );
      if (out.json) printJson(out, report);
      else {
        for (const check of report.checks) {
          printLine(out, `${statusMark[check.status]}  ${check.title}: ${check.detail}`);
          if (check.fix) printLine(out, `      fix: ${check.fix}`);
        }
        printLine(out, `install method: ${report.installMethod.method} (${report.installMethod.reason})`);
      }
      return report.checks.some((check) => check.status === 'fail') ? EXIT_FAILED : 0;
    }
    case 'repin': {
      if (!subject || !options.fingerprint)
        throw new UsageError(
          '`promstead host repin <id> --fingerprint SHA256:…` after checking the new key.',
        );
      const host = await callOperation(engine, 'hosts.repin', {
        id: subject,
        fingerprint: options.fingerprint,
      });
      if (out.json) printJson(out, host);
      else if (host.kind === 'ssh')
        printLine(out, `${host.id}: pinned ${host.hostKey.keyType} ${host.hostKey.fingerprint}`);
      return 0;
    }
    default:
      throw new UsageError('Use `promstead host add|list|preflight|remove|repin`.');
  }
}

async function list(engine: Engine, out: Output): Promise<number> {
  const { hosts } = await callOperation(engine, 'hosts.list', {});
  if (out.json) printJson(out, hosts);
  else if (hosts.length === 0) printLine(out, 'No hosts yet: `promstead host add user@address`.');
  else
    printLine(
      out,
      formatTable(
        ['id', 'login', 'auth', 'privilege', 'host key'],
        hosts.map((host) =>
          host.kind === 'ssh'
            ? [host.id, connectionLabel(host), host.auth.kind, host.privilege.kind, host.hostKey.fingerprint]
            : [
                host.id,
                connectionLabel(host),
                host.endpoint.kind === 'tls' ? 'TLS client cert' : 'socket',
                'docker',
                host.endpoint.kind === 'tls' ? `CA ${host.endpoint.caPath}` : '-',
              ],
        ),
      ),
    );
  return 0;
}

async function add(engine: Engine, out: Output, login: string, options: HostCommandOptions): Promise<number> {
  const match = /^([^@\s]+)@([^@\s]+)$/.exec(login);
  if (!match?.[1] || !match[2]) throw new UsageError(`"${login}" is not user@address.`);
  const [, username, address] = match;
  const port = options.port ?? 22;
  const auth = await authFrom(engine, options, `${username}@${address}`);
  const key = await callOperation(engine, 'hosts.scanKey', { address, port });
  let fingerprint = options.fingerprint;
  if (fingerprint === undefined) {
    if (!process.stdin.isTTY || out.json)
      throw new UsageError(
        `${address} presents ${key.keyType} ${key.fingerprint}. Check it on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and pass --fingerprint ${key.fingerprint}.`,
      );
    out.stderr.write(`${address} presents ${key.keyType} ${key.fingerprint}\n`);
    const answer = await ask('Is this the host you mean? Type yes to pin this key: ');
    if (answer.trim() !== 'yes') throw new UsageError('Not confirmed: nothing was saved.');
    fingerprint = key.fingerprint;
  }
  const host = await callOperation(engine, 'hosts.add', {
    ...(options.name ? { name: options.name } : {}),
    address,
    port,
    username,
    auth,
    fingerprint,
    ...(options.sudo ? { privilege: await sudoPrivilege(engine, `${username}@${address}`) } : {}),
  });
  if (out.json) printJson(out, host);
  else if (host.kind === 'ssh')
    printLine(out, `added ${host.id}: ${connectionLabel(host)}, key ${host.hostKey.fingerprint} pinned`);
  return 0;
}

/** `unix:///path` (this machine's Docker) or `tcp://address:port` with the three TLS files. */
async function addDocker(
  engine: Engine,
  out: Output,
  endpointUrl: string,
  options: HostCommandOptions,
): Promise<number> {
  const localPath = (path: string): string => (isAbsolute(path) ? path : resolve(path));
  let input: HostAddDockerInput;
  if (endpointUrl.startsWith('unix://')) {
    if (options.tlsCa || options.tlsCert || options.tlsKey)
      throw new UsageError('--tls-ca, --tls-cert and --tls-key are for tcp:// endpoints.');
    input = {
      address: options.address ?? '127.0.0.1',
      endpoint: { kind: 'socket', socketPath: endpointUrl.slice('unix://'.length) },
    };
  } else {
    const match = /^tcp:\/\/([^:/\s]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\/?$/.exec(endpointUrl);
    if (!match?.[1] || !match[2]) throw new UsageError(`"${endpointUrl}" is not tcp://address:port.`);
    if (!options.tlsCa || !options.tlsCert || !options.tlsKey)
      throw new UsageError(
        'A tcp:// endpoint needs --tls-ca, --tls-cert and --tls-key: Promstead does not use Docker without TLS.',
      );
    if (options.address)
      throw new UsageError('--address is for unix:// endpoints: a tcp:// one names its address.');
    input = {
      address: match[1].replace(/^\[|\]$/g, ''),
      endpoint: {
        kind: 'tls',
        port: Number(match[2]),
        caPath: localPath(options.tlsCa),
        certPath: localPath(options.tlsCert),
        keyPath: localPath(options.tlsKey),
      },
    };
  }
  const host = await callOperation(engine, 'hosts.addDocker', {
    ...input,
    ...(options.name ? { name: options.name } : {}),
  });
  if (out.json) printJson(out, host);
  else printLine(out, `added ${host.id}: ${connectionLabel(host)}, exporters reached at ${host.address}`);
  return 0;
}

async function authFrom(engine: Engine, options: HostCommandOptions, login: string): Promise<HostAuth> {
  const chosen = [options.key !== undefined, options.password, options.agent].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Choose one of --key FILE, --password and --agent.');
  if (options.password) {
    const value = process.env[hostPasswordEnvironment.login];
    if (!value) throw new UsageError(`--password reads the password from $${hostPasswordEnvironment.login}.`);
    const { id } = await callOperation(engine, 'secrets.put', { value, label: `SSH password of ${login}` });
    return { kind: 'password', passwordSecretId: id };
  }
  if (options.key !== undefined) {
    const keyPath = isAbsolute(options.key) ? options.key : resolve(options.key);
    const passphrase = process.env[hostPasswordEnvironment.passphrase];
    if (!passphrase) return { kind: 'keyFile', keyPath };
    const { id } = await callOperation(engine, 'secrets.put', {
      value: passphrase,
      label: `passphrase of ${keyPath}`,
    });
    return { kind: 'keyFile', keyPath, passphraseSecretId: id };
  }
  return { kind: 'agent' };
}

async function sudoPrivilege(
  engine: Engine,
  login: string,
): Promise<{ kind: 'sudo'; passwordSecretId?: string }> {
  const value = process.env[hostPasswordEnvironment.sudo];
  if (!value) return { kind: 'sudo' };
  const { id } = await callOperation(engine, 'secrets.put', { value, label: `sudo password of ${login}` });
  return { kind: 'sudo', passwordSecretId: id };
}
