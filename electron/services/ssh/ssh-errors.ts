// The errors of the SSH layer: a stable reason per failure and a message a person can
// act on, mapped from ssh2's and the socket's errors (by name and level, so this stays pure).
import { PromsteadError, type ErrorCode } from '@shared/contract';
import type { HostKeyInfo } from './ssh-types';

/** What went wrong, as the SSH layer names it. */
export type SshFailure =
  | 'HOST_KEY_UNKNOWN'
  | 'HOST_KEY_MISMATCH'
  | 'SSH_AUTH_FAILED'
  | 'SSH_UNREACHABLE'
  | 'DOCKER_PERMISSION_DENIED'
  | 'DOCKER_UNREACHABLE'
  | 'OUTPUT_TOO_LARGE';

/**
 * The contract code each reason travels under. HOST_KEY_UNKNOWN, SSH_UNREACHABLE and
 * DOCKER_PERMISSION_DENIED are not in the union yet: they use the closest code until
 * they are added, and `details.reason` always carries the precise one.
 */
const contractCodes = {
  HOST_KEY_UNKNOWN: 'HOST_KEY_UNKNOWN',
  HOST_KEY_MISMATCH: 'HOST_KEY_MISMATCH',
  SSH_AUTH_FAILED: 'SSH_AUTH_FAILED',
  SSH_UNREACHABLE: 'SSH_UNREACHABLE',
  DOCKER_PERMISSION_DENIED: 'DOCKER_PERMISSION_DENIED',
  DOCKER_UNREACHABLE: 'DOCKER_UNREACHABLE',
  OUTPUT_TOO_LARGE: 'TRANSPORT',
} as const satisfies Record<SshFailure, ErrorCode>;

export function sshError(
  reason: SshFailure,
  message: string,
  details: Record<string, unknown> = {},
): PromsteadError {
  return new PromsteadError(contractCodes[reason], message, { ...details, reason });
}

/** The SSH layer's reason behind an error, if it is one of ours. */
export function sshFailureOf(error: unknown): SshFailure | undefined {
  if (!(error instanceof PromsteadError)) return undefined;
  const reason = property(error.details, 'reason');
  return typeof reason === 'string' && reason in contractCodes ? (reason as SshFailure) : undefined;
}

export interface ConnectContext {
  host: string;
  port: number;
  username: string;
  /** What the host key check concluded, when the server got that far. */
  hostKey?: { verdict: 'accepted' | 'unknown' | 'mismatch'; seen: HostKeyInfo; pinned?: string };
  /** The methods this client offered, in order (`publickey`, `agent`, `password`…). */
  triedMethods: readonly string[];
  /** The methods the server said it accepts, once it said so. */
  serverMethods?: readonly string[];
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function textOf(error: unknown): string {
  const message = property(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

const unreachableCodes: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection (is sshd running on that port?)',
  EHOSTUNREACH: 'is unreachable (no route to the host)',
  ENETUNREACH: 'is unreachable (no route to its network)',
  EHOSTDOWN: 'is down',
  ETIMEDOUT: 'did not answer in time',
  ECONNRESET: 'closed the connection during the handshake',
  ENOTFOUND: 'has a name that does not resolve',
  EAI_AGAIN: 'has a name that could not be resolved now (DNS)',
};

/** The one PromsteadError a failed connection attempt becomes. */
export function classifyConnectError(error: unknown, context: ConnectContext): PromsteadError {
  if (error instanceof PromsteadError) return error;
  const where = `${context.host}:${context.port}`;
  const { hostKey } = context;
  if (hostKey?.verdict === 'unknown') {
    return sshError(
      'HOST_KEY_UNKNOWN',
      `${where} is not trusted yet: its ${hostKey.seen.keyType} host key has fingerprint ${hostKey.seen.fingerprint}. Compare it with the host's own (ssh-keygen -lf on the host key) before you trust it.`,
      { host: context.host, port: context.port, ...hostKey.seen },
    );
  }
  if (hostKey?.verdict === 'mismatch') {
    return sshError(
      'HOST_KEY_MISMATCH',
      `${where} presented a different host key (${hostKey.seen.keyType} ${hostKey.seen.fingerprint}) from the pinned one (${hostKey.pinned ?? 'none'}). This can mean someone is intercepting the connection, or that the host was reinstalled. If you have checked that the change is expected, remove the host's pinned key in Hosts and connect again to pin the new one.`,
      { host: context.host, port: context.port, ...hostKey.seen, pinned: hostKey.pinned },
    );
  }
  const level = property(error, 'level');
  const code = property(error, 'code');
  if (level === 'client-authentication') {
    const tried = context.triedMethods.length > 0 ? context.triedMethods.join(', ') : 'none';
    const accepts = context.serverMethods?.length
      ? `; the server accepts ${context.serverMethods.join(', ')}`
      : '';
    return sshError(
      'SSH_AUTH_FAILED',
      `${context.username}@${where} refused every method tried (${tried})${accepts}. Check the user name and its key, passphrase or password.`,
      {
        host: context.host,
        port: context.port,
        triedMethods: [...context.triedMethods],
        serverMethods: context.serverMethods,
      },
    );
  }
  if (level === 'client-timeout') {
    return sshError('SSH_UNREACHABLE', `${where} did not complete the SSH handshake in time.`, {
      host: context.host,
      port: context.port,
      cause: 'timeout',
    });
  }
  if (typeof code === 'string' && code in unreachableCodes) {
    return sshError('SSH_UNREACHABLE', `${where} ${unreachableCodes[code]}.`, {
      host: context.host,
      port: context.port,
      cause: code,
    });
  }
  return sshError('SSH_UNREACHABLE', `SSH to ${where} failed: ${textOf(error)}`, {
    host: context.host,
    port: context.port,
    cause: typeof code === 'string' ? code : typeof level === 'string' ? level : 'unknown',
  });
}
