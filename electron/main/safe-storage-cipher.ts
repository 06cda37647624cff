// Seals secrets with the OS keyring through Electron's safeStorage. It refuses rather
// than store weakly: on Linux without a keyring safeStorage falls back to a fixed,
// public key, which would only look like encryption.
import type { SafeStorage } from 'electron';
import { PromsteadError } from '@shared/contract';
import type { SecretCipher } from '../services/store';

/**
 * The part of safeStorage used here, taken as a parameter so this file never loads
 * electron itself. The asynchronous API is used: the synchronous one is deprecated in
 * Electron 45 and removed in 46, and data sealed by either opens with it.
 */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export class SafeStorageCipher implements SecretCipher {
  readonly kind = 'electron-safeStorage';

  constructor(
    private readonly storage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async encrypt(plain: Buffer): Promise<Buffer> {
    await this.assertKeyring();
    // safeStorage seals strings; base64 keeps arbitrary bytes intact.
    return this.storage.encryptStringAsync(plain.toString('base64'));
  }

  async decrypt(sealed: Buffer): Promise<Buffer> {
    await this.assertKeyring();
    let text: string;
    try {
      text = (await this.storage.decryptStringAsync(sealed)).result;
    } catch (error) {
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        'A saved secret could not be opened with the OS keyring. It may have been sealed by another user, ' +
          'another machine or a keyring that was reset; enter the secret again to replace it.',
        { cause: String(error) },
      );
    }
    return Buffer.from(text, 'base64');
  }

  private async assertKeyring(): Promise<void> {
    if (this.platform === 'linux') {
      const backend = this.storage.getSelectedStorageBackend?.();
      if (backend === 'basic_text' || backend === 'unknown') {
        throw new PromsteadError('SECRET_UNAVAILABLE', linuxNoKeyringMessage(backend), { backend });
      }
    }
    if (!(await this.storage.isAsyncEncryptionAvailable())) {
      throw new PromsteadError('SECRET_UNAVAILABLE', unavailableMessage(this.platform));
    }
  }
}

function linuxNoKeyringMessage(backend: string): string {
  return (
    `The OS keyring is unavailable (Electron's safeStorage selected "${backend}"), so Promstead will not save ` +
    'secrets: without a keyring they would be sealed with a key anyone can look up. Install and unlock a keyring ' +
    'that speaks the Secret Service API (gnome-keyring with libsecret, or KWallet), log in again, and restart Promstead. ' +
    'If one is installed but not detected, start Promstead with --password-store=gnome-libsecret (or kwallet5, kwallet6).'
  );
}

function unavailableMessage(platform: NodeJS.Platform): string {
  const fix =
    platform === 'darwin'
      ? 'Unlock the login keychain in Keychain Access and allow Promstead to use it.'
      : platform === 'win32'
        ? 'Windows DPAPI is not available for this user; sign in with a normal (not temporary) profile.'
        : 'Install and unlock gnome-keyring (with libsecret) or KWallet, then restart Promstead.';
  return `The OS keyring is unavailable, so Promstead cannot save secrets safely and will not save them weakly. ${fix}`;
}
