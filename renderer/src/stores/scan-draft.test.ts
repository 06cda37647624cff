import { ScanInputSchema } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { buildScanInput, emptyScanDraft, secretsToStore, splitList, toggleTarget } from './scan-draft';

describe('scan draft', () => {
  it('splits targets on commas and spaces', () => {
    expect(splitList(' 10.0.0.0/24,nas.lan  10.0.1.1-50 ,, ')).toEqual([
      '10.0.0.0/24',
      'nas.lan',
      '10.0.1.1-50',
    ]);
  });

  it('adds a suggested subnet, and removes it when clicked again', () => {
    expect(toggleTarget('10.0.0.0/24', '192.168.1.0/24')).toBe('10.0.0.0/24, 192.168.1.0/24');
    expect(toggleTarget('10.0.0.0/24, 192.168.1.0/24', '10.0.0.0/24')).toBe('192.168.1.0/24');
  });

  it('builds a minimal input the contract accepts: default ports and speeds left out', () => {
    const input = buildScanInput({ ...emptyScanDraft(), targets: '10.0.0.0/24' }, {});
    expect(input).toEqual({
      targets: ['10.0.0.0/24'],
      allowLarge: false,
      snmp: { enabled: true, communities: ['public'], v3: [] },
    });
    expect(ScanInputSchema.safeParse(input).success).toBe(true);
  });

  it('passes ports, speed overrides and the large-range permission', () => {
    const draft = {
      ...emptyScanDraft(),
      targets: '10.0.0.0/15',
      communities: 'public, homelab',
      ports: '22, 443 9100',
      timeoutMs: '500',
      retries: '0',
      packetsPerSecond: '50',
      allowLarge: true,
    };
    const input = buildScanInput(draft, {});
    expect(input).toMatchObject({
      allowLarge: true,
      ports: [22, 443, 9100],
      timeoutMs: 500,
      retries: 0,
      packetsPerSecond: 50,
      snmp: { communities: ['public', 'homelab'] },
    });
    expect(ScanInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends a typo as NaN so the server names the field', () => {
    const input = buildScanInput({ ...emptyScanDraft(), targets: 'x', ports: '22, ssh' }, {});
    expect(input.ports?.[1]).toBeNaN();
  });

  it('stores only the keys the v3 level needs, and sends their ids, never the keys', () => {
    const draft = {
      ...emptyScanDraft(),
      targets: '10.0.0.0/24',
      v3User: ' monitor ',
      v3Level: 'authPriv' as const,
      v3AuthKey: 'auth-secret',
      v3PrivKey: 'priv-secret',
    };
    expect(secretsToStore(draft).map((secret) => [secret.slot, secret.value])).toEqual([
      ['auth', 'auth-secret'],
      ['priv', 'priv-secret'],
    ]);
    expect(secretsToStore({ ...draft, v3Level: 'authNoPriv' }).map((secret) => secret.slot)).toEqual([
      'auth',
    ]);
    expect(secretsToStore({ ...draft, v3Level: 'noAuthNoPriv' })).toEqual([]);
    expect(secretsToStore({ ...draft, v3User: '' })).toEqual([]);

    const input = buildScanInput(draft, { auth: 'sec-1', priv: 'sec-2' });
    expect(input.snmp?.v3).toEqual([
      {
        user: 'monitor',
        level: 'authPriv',
        authProtocol: 'sha',
        authKeySecretId: 'sec-1',
        privProtocol: 'aes',
        privKeySecretId: 'sec-2',
      },
    ]);
    expect(JSON.stringify(input)).not.toMatch(/auth-secret|priv-secret/);
    expect(ScanInputSchema.safeParse(input).success).toBe(true);
  });

  it('leaves a missing key id out so the server says what is missing', () => {
    const input = buildScanInput(
      { ...emptyScanDraft(), targets: 'x', v3User: 'monitor', v3Level: 'authNoPriv' },
      {},
    );
    expect(input.snmp?.v3).toEqual([{ user: 'monitor', level: 'authNoPriv', authProtocol: 'sha' }]);
    expect(ScanInputSchema.safeParse(input).success).toBe(false);
  });
});
