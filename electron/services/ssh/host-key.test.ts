import { describe, expect, it } from 'vitest';
import { HostKeyVerifier, fingerprintOf, keyTypeOf, normalizeFingerprint, verdictFor } from './host-key';

// Generated with ssh-keygen; the fingerprints are what `ssh-keygen -lf` printed for them.
const ed25519 = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIK4kZzmgBXvDEXvu3Wm/6bCKocFq8ObrkMlk/h6kHD9b', 'base64');
const ed25519Fingerprint = 'SHA256:dvn1sty+FNy20zuZmiEv3CsYovJL9flLWzbaXAJH49Y';
const ecdsa = Buffer.from(
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBO3RBZgQ3+8TxurzZMaHrhCG1NbypnrV++GjvBsDAjqUf2mYshSaXTpONJXubzgi31DR+pYPvAuNbdqNgcFxo7I=',
  'base64',
);
const ecdsaFingerprint = 'SHA256:/SibRsPnc1gdnJvXcaqNktbvtTQ8pttutJzjIoGbsTk';

describe('fingerprintOf', () => {
  it('prints SHA256 fingerprints as ssh-keygen -lf does (unpadded base64)', () => {
    expect(fingerprintOf(ed25519)).toBe(ed25519Fingerprint);
    expect(fingerprintOf(ecdsa)).toBe(ecdsaFingerprint);
    expect(fingerprintOf(ecdsa)).not.toContain('=');
  });
});

describe('keyTypeOf', () => {
  it('reads the type name at the start of the blob', () => {
    expect(keyTypeOf(ed25519)).toBe('ssh-ed25519');
    expect(keyTypeOf(ecdsa)).toBe('ecdsa-sha2-nistp256');
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['short', Buffer.from([0, 0])],
    ['length past the end', Buffer.from([0, 0, 0, 40, 0x61])],
    ['huge length', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x61])],
    ['zero length', Buffer.from([0, 0, 0, 0])],
    ['control characters', Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('a\nb')])],
  ])('says unknown for a %s blob', (_name, blob) => {
    expect(keyTypeOf(blob)).toBe('unknown');
  });
});

describe('normalizeFingerprint', () => {
  const bare = ed25519Fingerprint.slice('SHA256:'.length);
  it.each([
    ed25519Fingerprint,
    bare,
    `${bare}=`,
    `256 ${ed25519Fingerprint} root@nas (ED25519)`,
    `  ${ed25519Fingerprint}\n`,
  ])('reads %j', (pin) => {
    expect(normalizeFingerprint(pin)).toBe(ed25519Fingerprint);
  });

  it.each(['', 'SHA256:', 'MD5:12:34', 'SHA256:short', `${ed25519Fingerprint}x`, 'a'.repeat(44)])(
    'refuses %j',
    (pin) => {
      expect(normalizeFingerprint(pin)).toBeUndefined();
    },
  );
});

describe('HostKeyVerifier', () => {
  it('refuses an unpinned host and remembers its key for the confirm step', () => {
    const verifier = new HostKeyVerifier();
    expect(verifier.verify(ed25519)).toBe(false);
    expect(verifier.result).toEqual({
      verdict: 'unknown',
      seen: { fingerprint: ed25519Fingerprint, keyType: 'ssh-ed25519' },
    });
  });

  it('accepts the pinned key, in any form the pin was pasted', () => {
    const verifier = new HostKeyVerifier(ed25519Fingerprint.replace('SHA256:', ''));
    expect(verifier.verify(ed25519)).toBe(true);
    expect(verifier.result?.verdict).toBe('accepted');
  });

  it('refuses another key than the pinned one', () => {
    const verifier = new HostKeyVerifier(ed25519Fingerprint);
    expect(verifier.verify(ecdsa)).toBe(false);
    expect(verifier.result).toMatchObject({ verdict: 'mismatch', pinned: ed25519Fingerprint });
  });

  it('treats a pin that is not a fingerprint as a mismatch, never as first contact', () => {
    const verifier = new HostKeyVerifier('not a fingerprint');
    expect(verifier.verify(ed25519)).toBe(false);
    expect(verifier.result?.verdict).toBe('mismatch');
    expect(verdictFor('not a fingerprint', ed25519Fingerprint)).toBe('mismatch');
    expect(verdictFor('', ed25519Fingerprint)).toBe('mismatch');
  });
});
