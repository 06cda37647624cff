import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { PromsteadError, SnmpV3CredentialSchema } from '@shared/contract';
import { authProtocols, privProtocols, securityLevels, toNetSnmpUser } from './v3-user';

/** The enum values the contract accepts, read from its zod schema. */
const contract = {
  level: SnmpV3CredentialSchema.shape.level.options,
  authProtocol: SnmpV3CredentialSchema.shape.authProtocol.unwrap().options,
  privProtocol: SnmpV3CredentialSchema.shape.privProtocol.unwrap().options,
};

describe('the v3 protocol tables', () => {
  it('cover every name the contract accepts', () => {
    expect(Object.keys(securityLevels).sort()).toEqual([...contract.level].sort());
    expect(Object.keys(authProtocols).sort()).toEqual([...contract.authProtocol].sort());
    expect(Object.keys(privProtocols).sort()).toEqual([...contract.privProtocol].sort());
  });

  it('map to net-snmp constants that exist', () => {
    expect(authProtocols.sha).toBe(snmp.AuthProtocols.sha);
    expect(authProtocols.sha512).toBe(snmp.AuthProtocols.sha512);
    expect(privProtocols.aes256r).toBe(snmp.PrivProtocols.aes256r);
    for (const value of [
      ...Object.values(authProtocols),
      ...Object.values(privProtocols),
      ...Object.values(securityLevels),
    ]) {
      expect(typeof value).toBe('number');
    }
  });
});

describe('toNetSnmpUser', () => {
  it('builds an authPriv user', () => {
    expect(
      toNetSnmpUser({
        user: 'promstead',
        level: 'authPriv',
        authProtocol: 'sha256',
        authKey: 'auth-pass',
        privProtocol: 'aes256b',
        privKey: 'priv-pass',
      }),
    ).toEqual({
      name: 'promstead',
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols.sha256,
      authKey: 'auth-pass',
      privProtocol: snmp.PrivProtocols.aes256b,
      privKey: 'priv-pass',
    });
  });

  it('drops keys a lower level does not use', () => {
    expect(toNetSnmpUser({ user: 'u', level: 'noAuthNoPriv', authKey: 'unused' })).toEqual({
      name: 'u',
      level: snmp.SecurityLevel.noAuthNoPriv,
    });
    expect(
      toNetSnmpUser({
        user: 'u',
        level: 'authNoPriv',
        authProtocol: 'md5',
        authKey: 'a',
        privProtocol: 'des',
        privKey: 'p',
      }),
    ).toEqual({
      name: 'u',
      level: snmp.SecurityLevel.authNoPriv,
      authProtocol: snmp.AuthProtocols.md5,
      authKey: 'a',
    });
  });

  it('refuses a level without its keys, without echoing any key', () => {
    const attempt = (): unknown =>
      toNetSnmpUser({ user: 'u', level: 'authPriv', authProtocol: 'sha', authKey: 'top-secret-key' });
    expect(attempt).toThrow(PromsteadError);
    expect(attempt).toThrow(/authPriv needs a privacy protocol and key/);
    expect(attempt).not.toThrow(/top-secret-key/);
    expect(() => toNetSnmpUser({ user: 'u', level: 'authNoPriv' })).toThrow(
      /authentication protocol and key/,
    );
  });
});
