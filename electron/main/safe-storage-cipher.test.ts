import { describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { SafeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';

type Backend = ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>;

/** A stand-in keyring: XOR with a fixed byte is enough to prove a round trip. */
function fakeStorage(available: boolean, backend?: Backend): SafeStorageLike {
  const seal = (text: string): Buffer => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (text) => seal(text),
    decryptStringAsync: async (sealed) => ({
      result: seal(sealed.toString('latin1')).toString('latin1'),
      shouldReEncrypt: false,
    }),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

async function failure(promise: Promise<unknown>): Promise<PromsteadError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PromsteadError)) throw new Error(`expected a PromsteadError, got ${String(error)}`);
  return error;
}

describe('SafeStorageCipher', () => {
  it('round-trips arbitrary bytes through the keyring', async () => {
    const cipher = new SafeStorageCipher(fakeStorage(true, 'gnome_libsecret'), 'linux');
    const plain = Buffer.from([0, 255, 10, 13, 0xc3, 0x28, 1, 2, 3]);
    const sealed = await cipher.encrypt(plain);
    expect(sealed.includes(plain)).toBe(false);
    expect(await cipher.decrypt(sealed)).toEqual(plain);
    expect(cipher.kind).toBe('electron-safeStorage');
  });

  it('refuses on Linux when safeStorage fell back to the built-in key', async () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      const cipher = new SafeStorageCipher(fakeStorage(true, backend), 'linux');
      const error = await failure(cipher.encrypt(Buffer.from('hunter2')));
      expect(error.code).toBe('SECRET_UNAVAILABLE');
      expect(error.message).toMatch(/keyring is unavailable/);
      expect(error.message).toMatch(/gnome-keyring/);
      expect(error.message).toMatch(/KWallet/);
      expect((await failure(cipher.decrypt(Buffer.from('x')))).code).toBe('SECRET_UNAVAILABLE');
    }
  });

  it('refuses when encryption is not available', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const cipher = new SafeStorageCipher(fakeStorage(false, 'kwallet6'), platform);
      const error = await failure(cipher.encrypt(Buffer.from('hunter2')));
      expect(error.code).toBe('SECRET_UNAVAILABLE');
      expect(error.message).toMatch(/keyring is unavailable/);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('does not ask for a Linux backend on other systems', async () => {
    const cipher = new SafeStorageCipher(fakeStorage(true, 'basic_text'), 'darwin');
    expect(await cipher.decrypt(await cipher.encrypt(Buffer.from('ok')))).toEqual(Buffer.from('ok'));
  });

  it('says what to do when a sealed secret cannot be opened', async () => {
    const storage: SafeStorageLike = {
      ...fakeStorage(true),
      decryptStringAsync: async () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    const error = await failure(new SafeStorageCipher(storage, 'win32').decrypt(Buffer.from('sealed')));
    expect(error.code).toBe('SECRET_UNAVAILABLE');
    expect(error.message).toMatch(/enter the secret again/);
  });
});
