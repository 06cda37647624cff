// Seals secrets with AES-256-GCM under a random key kept in a file only the user
// can read. Used where the OS keychain is not available (browser mode, CLI).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PromsteadError } from '@shared/contract';
import { errorCode } from './atomic-file';
import type { SecretCipher } from './secret-cipher';

const FORMAT_VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class AesKeyFileCipher implements SecretCipher {
  readonly kind = 'aes-256-gcm-key-file';
  private readonly keyFile: string;
  private key: Promise<Buffer> | undefined;

  /** `keyFile` is for example `<dataDir>/secret.key`; it is created on first use. */
  constructor(keyFile: string) {
    this.keyFile = keyFile;
  }

  /** Layout: version byte, 12-byte IV, 16-byte GCM tag, ciphertext. */
  async encrypt(plain: Buffer): Promise<Buffer> {
    const key = await this.loadKey();
    const iv = randomBytes(IV_BYTES);
    const version = Buffer.from([FORMAT_VERSION]);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The version byte is authenticated so it cannot be swapped without detection.
    cipher.setAAD(version);
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([version, iv, cipher.getAuthTag(), ciphertext]);
  }

  async decrypt(sealed: Buffer): Promise<Buffer> {
    const key = await this.loadKey();
    if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_VERSION) {
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        'The stored secret is not in a format this version can read.',
      );
    }
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(sealed.subarray(0, 1));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        `The stored secret could not be decrypted with ${this.keyFile}: it was changed, or sealed with a different key.`,
      );
    }
  }

  private loadKey(): Promise<Buffer> {
    // A failed attempt is not cached, so fixing the key file and retrying works.
    this.key ??= this.readOrCreateKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async readOrCreateKey(): Promise<Buffer> {
    const created = await this.createKeyExclusively();
    if (created) return created;
    return this.readExistingKey();
  }

  /**
   * Writes the key under a temp name and hard-links it into place: link fails if
   * the key already exists, so two processes starting together agree on one key,
   * and nobody can read a key file that is still being written.
   */
  private async createKeyExclusively(): Promise<Buffer | undefined> {
    await mkdir(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    const temp = `${this.keyFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(key);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, this.keyFile);
      return key;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return undefined;
      // Filesystems without hard links (FAT) fall back to a plain exclusive create.
      if (code === 'EPERM' || code === 'ENOTSUP') return this.writeKeyDirectly(key);
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  private async writeKeyDirectly(key: Buffer): Promise<Buffer | undefined> {
    let handle;
    try {
      handle = await open(this.keyFile, 'wx', 0o600);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return undefined;
      throw error;
    }
    try {
      await handle.writeFile(key);
      await handle.sync();
      return key;
    } finally {
      await handle.close();
    }
  }

  private async readExistingKey(): Promise<Buffer> {
    const file = this.keyFile;
    const info = await stat(file);
    // Windows has no mode bits; its profile folder ACLs protect the file instead.
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        `The key file ${file} can be read by other users (mode ${mode}). Run: chmod 600 "${file}"`,
        { file, mode },
      );
    }
    const key = await readFile(file);
    if (key.length !== KEY_BYTES) {
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        `The key file ${file} is ${key.length} bytes instead of ${KEY_BYTES}, so it is damaged. ` +
          'Restore it from a backup, or delete it to start a new key and enter your saved passwords again.',
        { file, bytes: key.length },
      );
    }
    return key;
  }
}
