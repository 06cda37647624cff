// Host keys trusted on first use and pinned: the fingerprint as `ssh-keygen -lf`
// prints it, and the verifier that accepts only the pinned key.
import { createHash } from 'node:crypto';
import type { HostKeyInfo } from './ssh-types';

/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob (the wire format). */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH key blob (a length-prefixed string). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > keyBlob.length) return 'unknown';
  const name = keyBlob.subarray(4, 4 + length).toString('latin1');
  return /^[\w@.-]+$/.test(name) ? name : 'unknown';
}

export function describeHostKey(keyBlob: Buffer): HostKeyInfo {
  return { fingerprint: fingerprintOf(keyBlob), keyType: keyTypeOf(keyBlob) };
}

/**
 * A pin in the form people paste it: with or without `SHA256:`, with base64 padding,
 * or a whole `ssh-keygen -lf` line. Undefined when it holds no SHA-256 fingerprint.
 */
export function normalizeFingerprint(pin: string): string | undefined {
  const match = /(?:^|\s)(?:SHA256:)?([A-Za-z0-9+/]{43})=?(?:\s|$)/.exec(pin.trim());
  return match ? `SHA256:${match[1]}` : undefined;
}

export type HostKeyVerdict = 'accepted' | 'unknown' | 'mismatch';

/** Decides one connection's host key; remembers what it saw for the error or the pin. */
export class HostKeyVerifier {
  private readonly pinned: string | undefined;
  private outcome: { verdict: HostKeyVerdict; seen: HostKeyInfo } | undefined;

  constructor(pinnedFingerprint?: string) {
    this.pinned = pinnedFingerprint === undefined ? undefined : normalizeFingerprint(pinnedFingerprint);
    // A pin that is not a fingerprint must not turn into "no pin" (trust on first use).
    if (pinnedFingerprint !== undefined && this.pinned === undefined) this.pinned = 'SHA256:(invalid pin)';
  }

  /** For ssh2's `hostVerifier`: true only for the pinned key. */
  verify(keyBlob: Buffer): boolean {
    const seen = describeHostKey(keyBlob);
    const verdict = verdictFor(this.pinned, seen.fingerprint);
    this.outcome = { verdict, seen };
    return verdict === 'accepted';
  }

  get result(): { verdict: HostKeyVerdict; seen: HostKeyInfo; pinned?: string } | undefined {
    return this.outcome && { ...this.outcome, ...(this.pinned ? { pinned: this.pinned } : {}) };
  }
}

/** The same decision for a connection already open (the pool reusing it for a caller). */
export function verdictFor(pinned: string | undefined, fingerprint: string): HostKeyVerdict {
  if (pinned === undefined) return 'unknown';
  return normalizeFingerprint(pinned) === fingerprint ? 'accepted' : 'mismatch';
}
