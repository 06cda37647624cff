import { describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { classifyConnectError, sshError, sshFailureOf, type ConnectContext } from './ssh-errors';

const base: ConnectContext = { host: '10.0.0.5', port: 22, username: 'admin', triedMethods: [] };
const seen = { fingerprint: 'SHA256:dvn1sty+FNy20zuZmiEv3CsYovJL9flLWzbaXAJH49Y', keyType: 'ssh-ed25519' };
const errorWith = (fields: Record<string, unknown>): Error => Object.assign(new Error('boom'), fields);

describe('classifyConnectError', () => {
  it('turns first contact into HOST_KEY_UNKNOWN with the fingerprint and key type', () => {
    const error = classifyConnectError(new Error('Host denied (verification failed)'), {
      ...base,
      hostKey: { verdict: 'unknown', seen },
    });
    expect(sshFailureOf(error)).toBe('HOST_KEY_UNKNOWN');
    expect(error.details).toMatchObject({ ...seen, host: '10.0.0.5', port: 22 });
    expect(error.message).toContain(seen.fingerprint);
  });

  it('turns another key into HOST_KEY_MISMATCH saying how to re-pin', () => {
    const error = classifyConnectError(new Error('Host denied'), {
      ...base,
      hostKey: { verdict: 'mismatch', seen, pinned: 'SHA256:old' },
    });
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(sshFailureOf(error)).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toMatch(/remove the host's pinned key in Hosts/);
    expect(error.message).toContain('SHA256:old');
  });

  it('names the methods tried and the ones the server accepts when authentication fails', () => {
    const error = classifyConnectError(errorWith({ level: 'client-authentication' }), {
      ...base,
      hostKey: { verdict: 'accepted', seen },
      triedMethods: ['password', 'keyboard-interactive'],
      serverMethods: ['publickey', 'password'],
    });
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toContain('admin@10.0.0.5:22');
    expect(error.message).toContain('password, keyboard-interactive');
    expect(error.message).toContain('the server accepts publickey, password');
  });

  it.each([
    ['ECONNREFUSED', /refused the connection/],
    ['EHOSTUNREACH', /unreachable/],
    ['ENETUNREACH', /unreachable/],
    ['ETIMEDOUT', /did not answer in time/],
    ['ENOTFOUND', /does not resolve/],
  ])('says what %s means', (code, message) => {
    const error = classifyConnectError(errorWith({ code, level: 'client-socket' }), base);
    expect(sshFailureOf(error)).toBe('SSH_UNREACHABLE');
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ cause: code });
  });

  it('reports a handshake timeout as unreachable', () => {
    const error = classifyConnectError(errorWith({ level: 'client-timeout' }), base);
    expect(sshFailureOf(error)).toBe('SSH_UNREACHABLE');
    expect(error.message).toMatch(/in time/);
  });

  it('keeps an error that is already a PromsteadError, and reads odd values', () => {
    const own = new PromsteadError('VALIDATION', 'bad key');
    expect(classifyConnectError(own, base)).toBe(own);
    expect(classifyConnectError('a string', base).message).toContain('a string');
    expect(classifyConnectError(null, base).code).toBeDefined();
  });
});

describe('sshError', () => {
  it('keeps the precise reason in details whatever contract code it travels under', () => {
    for (const reason of ['HOST_KEY_UNKNOWN', 'SSH_UNREACHABLE', 'DOCKER_PERMISSION_DENIED'] as const) {
      const error = sshError(reason, 'x', { host: 'h' });
      expect(sshFailureOf(error)).toBe(reason);
      expect(error.toApiError().details).toMatchObject({ reason, host: 'h' });
    }
    expect(sshFailureOf(new PromsteadError('INTERNAL', 'x', { reason: 'NOPE' }))).toBeUndefined();
    expect(sshFailureOf(new Error('x'))).toBeUndefined();
  });
});
