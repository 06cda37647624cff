// One host's SNMP: find a credential it answers, then read what discovery shows
// (system group, interfaces, vendor model). Never throws for a host that is silent or
// refuses: that comes back as `error`. Rejects only for bad options and cancellation.
//
// Decisions, documented here because callers depend on them:
// - Order: every v3 user, then each community with v2c then v1. Up to
//   `attemptParallelism` attempts run at once but the earliest that answers wins, so a
//   silent host costs about one timeout whatever the number of credentials.
// - `credential` names a community by position ("community #2"), and spells it out only
//   when it is the well-known default ("community #1 (public)"): a typed community is a
//   weak password, and inventories are exported and shared.
// - A v3 user the agent refused, on a host that answered a community, comes back as an
//   UNAUTHORIZED `error` next to `info`: the scan goes on and the person still learns
//   their v3 credential is wrong. A refusal before another v3 user succeeded is not
//   reported: with several users configured, each device knowing only some is normal.
import { PromsteadError, type SnmpInfo } from '@shared/contract';
import { firstInOrder, type AttemptOutcome } from './first-in-order';
import { describeTried, planAttempts, type SnmpAttempt } from './snmp-attempts';
import {
  attemptDetails,
  buildQueryError,
  classifySnmpError,
  refusalMessage,
  type FailedAttempt,
  type V3Context,
} from './snmp-errors';
import { readInterfaces, readSystem, readVendor, type SystemInfo } from './snmp-read';
import { SnmpSessionGroup, type SnmpSession } from './snmp-session';
import type { SnmpQueryOptions, SnmpQueryResult } from './snmp-types';
import { toNetSnmpUser } from './v3-user';

const defaultPort = 161;
/**
 * Attempts in flight for one host: covers the default (v2c and v1 of one community) and
 * a v3 user with a community in one round, while a scanner asking 64 hosts at once still
 * holds a few hundred UDP sockets, not thousands.
 */
const attemptParallelism = 4;

interface AnsweredProbe {
  session: SnmpSession;
  system: SystemInfo;
}

function cancelledError(): PromsteadError {
  return new PromsteadError('CANCELLED', 'The SNMP query was cancelled.');
}

function validateOptions(address: string, options: SnmpQueryOptions): void {
  const problems: string[] = [];
  if (typeof address !== 'string' || address.trim() === '') problems.push('an address is required');
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 1 || options.timeoutMs > 60_000)
    problems.push('timeoutMs must be an integer from 1 to 60000');
  if (!Number.isInteger(options.retries) || options.retries < 0 || options.retries > 10)
    problems.push('retries must be an integer from 0 to 10');
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535)
  )
    problems.push('port must be an integer from 1 to 65535');
  if (options.communities.some((community) => typeof community !== 'string' || community === ''))
    problems.push('a community must not be empty');
  if (options.communities.length === 0 && options.v3.length === 0)
    problems.push('give at least one community or v3 user');
  if (problems.length > 0) throw new PromsteadError('VALIDATION', `SNMP query: ${problems.join('; ')}.`);
}

function v3ContextOf(attempt: SnmpAttempt, session: SnmpSession | undefined): V3Context | undefined {
  if (attempt.kind !== 'v3') return undefined;
  const { user, level, privProtocol } = attempt.credential;
  return { user, level, privProtocol, engineAnswered: session?.engineAnswered() ?? false };
}

/** One credential: open its session and read the system group. */
async function probe(
  group: SnmpSessionGroup,
  attempt: SnmpAttempt,
): Promise<AttemptOutcome<AnsweredProbe, FailedAttempt>> {
  let session: SnmpSession | undefined;
  try {
    session =
      attempt.kind === 'v3'
        ? group.openV3(toNetSnmpUser(attempt.credential))
        : group.openCommunity(attempt.community, attempt.version);
    return { ok: true, value: { session, system: await readSystem(session) } };
  } catch (error) {
    const failure = classifySnmpError(error, v3ContextOf(attempt, session));
    // Free the socket now rather than when the whole query ends.
    session?.close();
    return { ok: false, failure: { attempt, failure } };
  }
}

async function runQuery(
  address: string,
  options: SnmpQueryOptions,
  group: SnmpSessionGroup,
): Promise<SnmpQueryResult> {
  const attempts = planAttempts(options);
  const attemptAt = (index: number): SnmpAttempt => {
    const attempt = attempts[index];
    if (!attempt) throw new PromsteadError('INTERNAL', `No SNMP attempt ${index}.`);
    return attempt;
  };
  const outcome = await firstInOrder(
    attempts.length,
    attemptParallelism,
    (index) => probe(group, attemptAt(index)),
    (error, index): FailedAttempt => ({ attempt: attemptAt(index), failure: classifySnmpError(error) }),
  );
  if (!outcome.winner) {
    return { error: buildQueryError(address, outcome.failures, describeTried(options), options) };
  }

  const attempt = attemptAt(outcome.winner.index);
  const { session, system } = outcome.winner.value;
  group.close(session);
  // Both are extras: an agent that answers the system group but times out here is still described.
  const [interfaces, vendor] = await Promise.all([
    readInterfaces(session).catch(() => undefined),
    readVendor(session, system).catch(() => undefined),
  ]);
  const info: SnmpInfo = {
    version: attempt.kind === 'v3' ? 'v3' : attempt.version,
    credential: attempt.label,
    ...system,
    ...(interfaces ? { interfaces } : {}),
    ...(vendor ? { vendor } : {}),
  };

  const refusals = outcome.failures.filter(({ failure }) => failure.kind === 'refused');
  if (attempt.kind === 'community' && refusals.length > 0) {
    return {
      info,
      error: {
        code: 'UNAUTHORIZED',
        message: `${refusalMessage(address, refusals)} (the host answered ${attempt.label}, ${attempt.version}, instead)`,
        details: { attempts: attemptDetails(refusals) },
      },
    };
  }
  return { info };
}

/**
 * Asks one host for its SNMP identity. Aborting `options.signal` closes every session at
 * once and rejects with CANCELLED; bad options reject with VALIDATION.
 */
export async function querySnmp(address: string, options: SnmpQueryOptions): Promise<SnmpQueryResult> {
  validateOptions(address, options);
  const { signal } = options;
  if (signal?.aborted) throw cancelledError();
  const group = new SnmpSessionGroup({
    address,
    port: options.port ?? defaultPort,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
  });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = (): void => {
      group.close();
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([runQuery(address, options, group), aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    group.close();
  }
}
