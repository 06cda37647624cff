import { describe, expect, it } from 'vitest';
import { communityLabel, describeTried, planAttempts } from './snmp-attempts';
import type { ResolvedV3Credential } from './snmp-types';

const v3User: ResolvedV3Credential = {
  user: 'promstead',
  level: 'authPriv',
  authProtocol: 'sha',
  authKey: 'auth-secret',
  privProtocol: 'aes',
  privKey: 'priv-secret',
};

describe('planAttempts', () => {
  it('tries v3 users first, then each community with v2c and then v1', () => {
    const attempts = planAttempts({ communities: ['public', 'homelab-ro'], v3: [v3User] });
    expect(
      attempts.map((attempt) =>
        attempt.kind === 'v3' ? `v3 ${attempt.label}` : `${attempt.version} ${attempt.label}`,
      ),
    ).toEqual([
      'v3 promstead',
      'v2c community #1 (public)',
      'v1 community #1 (public)',
      'v2c community #2',
      'v1 community #2',
    ]);
  });

  it('honours the versions asked for, once each', () => {
    const attempts = planAttempts({ communities: ['public'], v3: [], versions: ['v1', 'v1'] });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ kind: 'community', version: 'v1' });
  });

  it('tries a community given twice only once, and keeps its first position', () => {
    const attempts = planAttempts({ communities: ['secret', 'public', 'secret'], v3: [], versions: ['v2c'] });
    expect(attempts.map((attempt) => attempt.label)).toEqual(['community #1', 'community #2 (public)']);
  });

  it('plans nothing when given nothing', () => {
    expect(planAttempts({ communities: [], v3: [] })).toEqual([]);
  });
});

describe('communityLabel', () => {
  it('never echoes a community the user typed', () => {
    expect(communityLabel('homelab-ro', 1)).toBe('community #2');
    expect(communityLabel('homelab-ro', 1)).not.toContain('homelab');
  });

  it('names the factory default, which is no secret', () => {
    expect(communityLabel('public', 0)).toBe('community #1 (public)');
  });
});

describe('describeTried', () => {
  it('lists what was tried without secrets', () => {
    expect(describeTried({ communities: ['public'], v3: [] })).toBe('community public (v2c, v1)');
    const text = describeTried({ communities: ['public', 's3cret'], v3: [v3User], versions: ['v2c'] });
    expect(text).toBe('community public (v2c), community #2 (v2c) and v3 user promstead');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('auth-secret');
  });
});
