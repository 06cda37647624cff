// What went wrong with one attempt, read from net-snmp's error objects (by name and
// code, so this stays pure), and the one ApiError a host gets when nothing answered.
// Messages name users and community labels, never a key or a typed community.
import type { ApiError, SnmpV3Credential } from '@shared/contract';
import type { SnmpAttempt } from './snmp-attempts';

export type AttemptFailure =
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  /** An agent answered and refused a v3 user. */
  | { kind: 'refused'; user: string; reason: string }
  /** The credential cannot be used here (a missing key, a cipher this runtime lacks). */
  | { kind: 'invalid'; message: string }
  /** Anything else: a socket error, a malformed answer. */
  | { kind: 'failed'; message: string };

export interface V3Context {
  user: string;
  level: SnmpV3Credential['level'];
  privProtocol?: SnmpV3Credential['privProtocol'];
  /** The agent answered engine discovery, so it is there and speaks v3. */
  engineAnswered: boolean;
}

// net-snmp's ResponseInvalidCode values this module tells apart.
const couldNotDecrypt = 4;
const authFailure = 5;
// ErrorStatus.authorizationError (RFC 3416): the agent's access control said no.
const authorizationError = 16;

/** net-snmp's USM report texts (usmStats*) and what a person should check. */
const usmReasons: readonly (readonly [RegExp, string])[] = [
  [/wrong digest|authentication digest/i, 'wrong authentication key or protocol'],
  [/unknown user name/i, 'the agent does not know this user'],
  [/decryption error/i, 'wrong privacy key or protocol'],
  [/unknown engine id/i, 'the agent did not accept its own engine ID (try again)'],
  [/not in time window/i, "the request fell outside the agent's time window (try again)"],
];

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function textOf(error: unknown): string {
  const message = property(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

export function classifySnmpError(error: unknown, v3?: V3Context): AttemptFailure {
  const name = property(error, 'name');
  const code = property(error, 'code');
  const message = textOf(error);

  if (name === 'PromsteadError') {
    if (code === 'CANCELLED') return { kind: 'cancelled' };
    if (code === 'VALIDATION') return { kind: 'invalid', message };
    return { kind: 'failed', message };
  }
  if (name === 'RequestTimedOutError') {
    // snmpd drops a message it cannot decrypt without a report: after a discovery
    // answer, silence to an authPriv request means the privacy key is wrong.
    if (v3?.engineAnswered && v3.level === 'authPriv') {
      return {
        kind: 'refused',
        user: v3.user,
        reason:
          'wrong privacy key or protocol (the agent answered discovery, then ignored the encrypted request)',
      };
    }
    return { kind: 'timeout' };
  }
  if (name === 'ResponseInvalidError' && v3) {
    if (code === couldNotDecrypt)
      return { kind: 'refused', user: v3.user, reason: 'wrong privacy key or protocol' };
    if (code === authFailure) {
      if (/unsupported security level/i.test(message)) {
        return {
          kind: 'refused',
          user: v3.user,
          reason: `the agent does not accept security level ${v3.level} for this user`,
        };
      }
      const known = usmReasons.find(([pattern]) => pattern.test(message));
      return {
        kind: 'refused',
        user: v3.user,
        reason: known ? known[1] : `the agent refused the request (${message})`,
      };
    }
  }
  if (name === 'RequestFailedError' && v3 && property(error, 'status') === authorizationError) {
    return {
      kind: 'refused',
      user: v3.user,
      reason: `the agent refused access at security level ${v3.level} (authorizationError): the user may need another security level or read access to the system group`,
    };
  }
  // OpenSSL 3 dropped DES from its default provider; Node built on it cannot encrypt.
  if (code === 'ERR_OSSL_EVP_UNSUPPORTED' && v3) {
    return {
      kind: 'invalid',
      message: `SNMPv3 user ${v3.user}: this system's crypto library does not provide the ${v3.privProtocol ?? 'privacy'} cipher; configure AES on the device and in Promstead`,
    };
  }
  return { kind: 'failed', message: typeof code === 'string' ? `${code}: ${message}` : message };
}

export interface FailedAttempt {
  attempt: SnmpAttempt;
  failure: AttemptFailure;
}

function versionOf(attempt: SnmpAttempt): string {
  return attempt.kind === 'v3' ? 'v3' : attempt.version;
}

function retriesPhrase(retries: number): string {
  return `${retries} ${retries === 1 ? 'retry' : 'retries'}`;
}

/** The same wording for an error alone and for a warning next to info. */
export function refusalMessage(address: string, refusals: readonly FailedAttempt[]): string {
  return refusals
    .flatMap(({ failure }) =>
      failure.kind === 'refused'
        ? [`SNMPv3 authentication failed for user ${failure.user} on ${address}: ${failure.reason}`]
        : [],
    )
    .join('. ');
}

/** What each attempt did, for a person digging into a host's SNMP; labels only, no secrets. */
export function attemptDetails(
  failed: readonly FailedAttempt[],
): { credential: string; version: string; outcome: string; reason?: string }[] {
  return failed.map(({ attempt, failure }) => {
    const reason =
      failure.kind === 'refused' ? failure.reason : 'message' in failure ? failure.message : undefined;
    return {
      credential: attempt.label,
      version: versionOf(attempt),
      outcome: failure.kind,
      ...(reason === undefined ? {} : { reason }),
    };
  });
}

/**
 * The error for a host where no attempt won. A refusal outranks a timeout: it proves an
 * agent is there and points at the credential to fix.
 */
export function buildQueryError(
  address: string,
  failed: readonly FailedAttempt[],
  tried: string,
  timing: { timeoutMs: number; retries: number },
): ApiError {
  const details = { attempts: attemptDetails(failed) };
  const refusals = failed.filter(({ failure }) => failure.kind === 'refused');
  if (refusals.length > 0)
    return { code: 'UNAUTHORIZED', message: refusalMessage(address, refusals), details };
  const invalid = failed.find(({ failure }) => failure.kind === 'invalid');
  if (invalid?.failure.kind === 'invalid')
    return { code: 'VALIDATION', message: invalid.failure.message, details };
  const other = failed.find(({ failure }) => failure.kind === 'failed');
  if (other?.failure.kind === 'failed') {
    return {
      code: 'TRANSPORT',
      message: `SNMP request to ${address} failed (${other.attempt.label}, ${versionOf(other.attempt)}): ${other.failure.message}`,
      details,
    };
  }
  return {
    code: 'SNMP_TIMEOUT',
    message: `No SNMP answer from ${address} with ${tried} within ${timing.timeoutMs} ms (${retriesPhrase(timing.retries)}): the host runs no SNMP agent, or it expects another community or v3 user`,
    details,
  };
}
