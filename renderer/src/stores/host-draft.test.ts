import { describe, expect, it } from 'vitest';
import {
  addProblems,
  buildAddInput,
  emptyHostDraft,
  parsePort,
  presentedKeyOf,
  scanProblems,
  secretsToStore,
  withoutSecrets,
  type HostDraft,
} from './host-draft';

const fingerprint = 'SHA256:zloFe8r+3x7CfgP/6VkSxw8Z9uACTZe36QnVfhlymsY';

function draft(change: Partial<HostDraft> = {}): HostDraft {
  return { ...emptyHostDraft({ address: '10.0.0.5' }), username: 'admin', keyPath: '/k/id', ...change };
}

describe('host draft', () => {
  it('accepts only whole ports from 1 to 65535', () => {
    expect(parsePort(' 22 ')).toBe(22);
    expect(parsePort('65535')).toBe(65_535);
    for (const bad of ['', '0', '65536', '22.5', '-1', '2e3', '0x16', '22 23', '999999'])
      expect(parsePort(bad)).toBeUndefined();
  });

  it('asks for an address and a port before the key check, and the login before adding', () => {
    expect(scanProblems(draft({ address: ' ', port: 'x' }))).toEqual({
      address: expect.any(String),
      port: expect.any(String),
    });
    expect(scanProblems(draft({ username: '' }))).toEqual({});
    expect(Object.keys(addProblems(draft({ username: '', keyPath: '' })))).toEqual(['username', 'keyPath']);
    expect(Object.keys(addProblems(draft({ auth: 'password' })))).toEqual(['password']);
    expect(Object.keys(addProblems(draft({ privilege: 'sudoPassword' })))).toEqual(['sudoPassword']);
    expect(addProblems(draft({ auth: 'agent', keyPath: '' }))).toEqual({});
  });

  it('stores only the secrets the chosen auth and privilege use', () => {
    const full = draft({ passphrase: 'pp', password: 'pw', sudoPassword: 'sp' });
    expect(secretsToStore(full).map((secret) => secret.slot)).toEqual(['passphrase']);
    expect(secretsToStore({ ...full, auth: 'password', privilege: 'sudoPassword' })).toEqual([
      { slot: 'password', value: 'pw', label: 'SSH password for admin@10.0.0.5' },
      { slot: 'sudoPassword', value: 'sp', label: 'sudo password for admin@10.0.0.5' },
    ]);
    expect(secretsToStore({ ...full, auth: 'agent' })).toEqual([]);
    expect(withoutSecrets(full)).toMatchObject({ passphrase: '', password: '', sudoPassword: '' });
  });

  it('builds the add input with secret ids, never the secrets', () => {
    const input = buildAddInput(
      draft({
        auth: 'password',
        password: 'pw',
        privilege: 'sudoPassword',
        sudoPassword: 'sp',
        port: '2222',
      }),
      { password: 's1', sudoPassword: 's2' },
      fingerprint,
    );
    expect(input).toEqual({
      address: '10.0.0.5',
      port: 2222,
      username: 'admin',
      auth: { kind: 'password', passwordSecretId: 's1' },
      fingerprint,
      privilege: { kind: 'sudo', passwordSecretId: 's2' },
    });
    expect(JSON.stringify(input)).not.toMatch(/"pw"|"sp"/);
    expect(
      buildAddInput(
        draft({ name: ' NAS ', discoveredAddress: '10.0.0.5' }),
        { passphrase: 's3' },
        fingerprint,
      ),
    ).toMatchObject({
      name: 'NAS',
      auth: { kind: 'keyFile', keyPath: '/k/id', passphraseSecretId: 's3' },
      privilege: { kind: 'none' },
      discoveredAddress: '10.0.0.5',
    });
  });

  it('reads the presented key from a HOST_KEY_MISMATCH only', () => {
    expect(
      presentedKeyOf({
        code: 'HOST_KEY_MISMATCH',
        message: 'm',
        details: { fingerprint, keyType: 'ssh-ed25519', pinned: 'SHA256:x' },
      }),
    ).toEqual({ fingerprint, keyType: 'ssh-ed25519' });
    for (const details of [undefined, null, 'SHA256:x', { fingerprint: 42 }, { fingerprint: 'md5:aa' }])
      expect(presentedKeyOf({ code: 'HOST_KEY_MISMATCH', message: 'm', details })).toBeUndefined();
    expect(
      presentedKeyOf({ code: 'SSH_AUTH_FAILED', message: 'm', details: { fingerprint } }),
    ).toBeUndefined();
  });
});
