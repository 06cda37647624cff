import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { planAttempts } from './snmp-attempts';
import { buildQueryError, classifySnmpError, type AttemptFailure, type V3Context } from './snmp-errors';

const v3: V3Context = { user: 'promstead', level: 'authPriv', privProtocol: 'aes', engineAnswered: true };
const timedOut = Object.assign(new Error('Request timed out'), { name: 'RequestTimedOutError' });
const address = '10.203.0.20';
const timing = { timeoutMs: 500, retries: 0 };

describe('classifySnmpError', () => {
  it('reads a wrong digest report as a wrong authentication key', () => {
    const error = new snmp.ResponseInvalidError(
      'Wrong Digest (incorrect password, community or key)',
      snmp.ResponseInvalidCode.EAuthFailure,
    );
    expect(classifySnmpError(error, v3)).toEqual({
      kind: 'refused',
      user: 'promstead',
      reason: 'wrong authentication key or protocol',
    });
  });

  it('reads an unknown user report', () => {
    const error = new snmp.ResponseInvalidError('Unknown User Name', snmp.ResponseInvalidCode.EAuthFailure);
    expect(classifySnmpError(error, v3)).toMatchObject({
      kind: 'refused',
      reason: 'the agent does not know this user',
    });
  });

  it('reads an unsupported level report with the level that was asked for', () => {
    const error = new snmp.ResponseInvalidError(
      'Unsupported Security Level',
      snmp.ResponseInvalidCode.EAuthFailure,
    );
    expect(classifySnmpError(error, { ...v3, level: 'noAuthNoPriv' })).toMatchObject({
      kind: 'refused',
      reason: 'the agent does not accept security level noAuthNoPriv for this user',
    });
  });

  it('reads an authorizationError as a refusal for v3 only', () => {
    const error = new snmp.RequestFailedError('AuthorizationError', 16);
    expect(classifySnmpError(error, { ...v3, level: 'authNoPriv' })).toMatchObject({ kind: 'refused' });
    expect(classifySnmpError(error).kind).toBe('failed');
  });

  it('reads silence after a discovery answer as a wrong privacy key', () => {
    expect(classifySnmpError(timedOut, v3)).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/^wrong privacy key or protocol/),
    });
  });

  it('reads silence without a discovery answer, or from a community, as a timeout', () => {
    expect(classifySnmpError(timedOut, { ...v3, engineAnswered: false })).toEqual({ kind: 'timeout' });
    expect(classifySnmpError(timedOut, { ...v3, level: 'authNoPriv' })).toEqual({ kind: 'timeout' });
    expect(classifySnmpError(timedOut)).toEqual({ kind: 'timeout' });
  });

  it('explains a cipher the runtime lacks (DES under OpenSSL 3)', () => {
    const error = Object.assign(new Error('error:0308010C:digital envelope routines::unsupported'), {
      code: 'ERR_OSSL_EVP_UNSUPPORTED',
    });
    const failure = classifySnmpError(error, { ...v3, privProtocol: 'des' });
    expect(failure).toMatchObject({ kind: 'invalid', message: expect.stringContaining('des') });
  });

  it('keeps our own cancellation and validation apart', () => {
    expect(classifySnmpError(new PromsteadError('CANCELLED', 'x')).kind).toBe('cancelled');
    expect(classifySnmpError(new PromsteadError('VALIDATION', 'no key')).kind).toBe('invalid');
  });

  it('passes a socket error through with its code', () => {
    const error = Object.assign(new Error('send EHOSTUNREACH 10.203.0.99:161'), { code: 'EHOSTUNREACH' });
    expect(classifySnmpError(error)).toEqual({
      kind: 'failed',
      message: 'EHOSTUNREACH: send EHOSTUNREACH 10.203.0.99:161',
    });
    expect(classifySnmpError('odd')).toEqual({ kind: 'failed', message: 'odd' });
  });
});

describe('buildQueryError', () => {
  const options = {
    communities: ['public', 'homelab-secret'],
    v3: [
      {
        user: 'promstead',
        level: 'authPriv' as const,
        authProtocol: 'sha' as const,
        authKey: 'k1-secret',
        privProtocol: 'aes' as const,
        privKey: 'k2-secret',
      },
    ],
  };
  const attempts = planAttempts(options);
  const failed = (
    failures: AttemptFailure[],
  ): { attempt: (typeof attempts)[number]; failure: AttemptFailure }[] =>
    attempts.map((attempt, index) => ({ attempt, failure: failures[index] ?? { kind: 'timeout' } }));

  it('gives SNMP_TIMEOUT with what was tried, never a typed community or a key', () => {
    const error = buildQueryError(
      address,
      failed([]),
      'community public (v2c, v1), community #2 (v2c, v1) and v3 user promstead',
      timing,
    );
    expect(error.code).toBe('SNMP_TIMEOUT');
    expect(error.message).toMatch(/^No SNMP answer from 10\.203\.0\.20 with community public \(v2c, v1\)/);
    expect(error.message).toContain('500 ms (0 retries)');
    const everything = JSON.stringify(error);
    for (const secret of ['homelab-secret', 'k1-secret', 'k2-secret'])
      expect(everything).not.toContain(secret);
  });

  it('puts a refusal before timeouts, in the words a person can act on', () => {
    const error = buildQueryError(
      address,
      failed([{ kind: 'refused', user: 'promstead', reason: 'wrong authentication key or protocol' }]),
      'tried',
      timing,
    );
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      message:
        'SNMPv3 authentication failed for user promstead on 10.203.0.20: wrong authentication key or protocol',
    });
  });

  it('gives VALIDATION for an unusable credential, TRANSPORT for a socket error', () => {
    expect(
      buildQueryError(address, failed([{ kind: 'invalid', message: 'no DES' }]), 'tried', timing),
    ).toMatchObject({
      code: 'VALIDATION',
      message: 'no DES',
    });
    const transport = buildQueryError(
      address,
      failed([{ kind: 'timeout' }, { kind: 'failed', message: 'EACCES' }]),
      'tried',
      timing,
    );
    expect(transport.code).toBe('TRANSPORT');
    expect(transport.message).toContain('community #1 (public), v2c');
  });

  it('lists each attempt in details by label', () => {
    const error = buildQueryError(address, failed([]), 'tried', timing);
    expect(error.details).toEqual({
      attempts: [
        { credential: 'promstead', version: 'v3', outcome: 'timeout' },
        { credential: 'community #1 (public)', version: 'v2c', outcome: 'timeout' },
        { credential: 'community #1 (public)', version: 'v1', outcome: 'timeout' },
        { credential: 'community #2', version: 'v2c', outcome: 'timeout' },
        { credential: 'community #2', version: 'v1', outcome: 'timeout' },
      ],
    });
  });
});
