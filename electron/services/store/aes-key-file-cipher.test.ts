import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AesKeyFileCipher } from './aes-key-file-cipher';

const posixOnly = process.platform === 'win32' ? it.skip : it;

let dir: string;
let keyFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'promstead-cipher-'));
  keyFile = path.join(dir, 'secret.key');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AesKeyFileCipher', () => {
  it('round-trips and never produces the same sealed bytes twice', async () => {
    const cipher = new AesKeyFileCipher(keyFile);
    const plain = Buffer.from('hunter2-correct-horse');
    const first = await cipher.encrypt(plain);
    const second = await cipher.encrypt(plain);
    expect(first.equals(second)).toBe(false);
    expect(first.includes(plain)).toBe(false);
    expect(first.length).toBe(1 + 12 + 16 + plain.length);
    expect(first[0]).toBe(1);
    expect((await cipher.decrypt(first)).toString()).toBe('hunter2-correct-horse');
  });

  posixOnly('creates a 32-byte key readable only by the owner, and no temp files', async () => {
    await new AesKeyFileCipher(keyFile).encrypt(Buffer.from('x'));
    const info = await stat(keyFile);
    expect(info.mode & 0o777).toBe(0o600);
    expect(info.size).toBe(32);
    expect(await readdir(dir)).toEqual(['secret.key']);
  });

  it('reuses the existing key, so another instance can decrypt', async () => {
    const sealed = await new AesKeyFileCipher(keyFile).encrypt(Buffer.from('shared'));
    const key = await readFile(keyFile);
    expect((await new AesKeyFileCipher(keyFile).decrypt(sealed)).toString()).toBe('shared');
    expect((await readFile(keyFile)).equals(key)).toBe(true);
  });

  it('agrees on one key when many instances start at once', async () => {
    const ciphers = Array.from({ length: 10 }, () => new AesKeyFileCipher(keyFile));
    const sealed = await Promise.all(
      ciphers.map((cipher, index) => cipher.encrypt(Buffer.from(`v${index}`))),
    );
    const opener = new AesKeyFileCipher(keyFile);
    const opened = await Promise.all(sealed.map((item) => opener.decrypt(item)));
    expect(opened.map(String)).toEqual(ciphers.map((_, index) => `v${index}`));
  });

  posixOnly('refuses a key file that other users can read, saying how to fix it', async () => {
    await new AesKeyFileCipher(keyFile).encrypt(Buffer.from('x'));
    await chmod(keyFile, 0o644);
    const error = await new AesKeyFileCipher(keyFile)
      .encrypt(Buffer.from('x'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SECRET_UNAVAILABLE' });
    expect((error as Error).message).toContain(`chmod 600 "${keyFile}"`);
    expect((error as Error).message).toContain('644');
  });

  posixOnly('works again once the key file is fixed', async () => {
    const cipher = new AesKeyFileCipher(keyFile);
    await writeFile(keyFile, Buffer.alloc(32, 7), { mode: 0o640 });
    await chmod(keyFile, 0o640);
    await expect(cipher.encrypt(Buffer.from('x'))).rejects.toMatchObject({ code: 'SECRET_UNAVAILABLE' });
    await chmod(keyFile, 0o600);
    const sealed = await cipher.encrypt(Buffer.from('fixed'));
    expect((await cipher.decrypt(sealed)).toString()).toBe('fixed');
  });

  it('refuses a key file of the wrong size', async () => {
    await writeFile(keyFile, Buffer.alloc(16), { mode: 0o600 });
    await expect(new AesKeyFileCipher(keyFile).encrypt(Buffer.from('x'))).rejects.toMatchObject({
      code: 'SECRET_UNAVAILABLE',
      message: expect.stringMatching(/16 bytes instead of 32/),
    });
  });

  it('rejects tampered ciphertext, tag, version and truncated input', async () => {
    const cipher = new AesKeyFileCipher(keyFile);
    const sealed = await cipher.encrypt(Buffer.from('do not touch'));
    const flip = (index: number): Buffer => {
      const copy = Buffer.from(sealed);
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      return copy;
    };
    for (const bad of [flip(sealed.length - 1), flip(20), flip(5), flip(0), sealed.subarray(0, 20)]) {
      await expect(cipher.decrypt(bad)).rejects.toMatchObject({ code: 'SECRET_UNAVAILABLE' });
    }
  });

  it('cannot open a value sealed under a different key', async () => {
    const sealed = await new AesKeyFileCipher(keyFile).encrypt(Buffer.from('mine'));
    const other = new AesKeyFileCipher(path.join(dir, 'other.key'));
    await expect(other.decrypt(sealed)).rejects.toMatchObject({
      code: 'SECRET_UNAVAILABLE',
      message: expect.stringMatching(/different key/),
    });
  });
});
