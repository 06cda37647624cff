// The seam between the secret store and whatever protects its key: the Electron
// app uses the OS keychain (safeStorage); browser mode and the CLI use a key file.

export interface SecretCipher {
  /** Stored next to each sealed value, so a value sealed by another cipher is reported, not garbled. */
  readonly kind: string;
  encrypt(plain: Buffer): Promise<Buffer>;
  /** Throws when the sealed value was tampered with or sealed with another key. */
  decrypt(sealed: Buffer): Promise<Buffer>;
}
