// Passwords, SNMP communities and tokens, sealed by a SecretCipher in
// secrets.json. The rest of the state refers to them by id only, and every value
// that passes through here is registered with the redactor so no log shows it.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { errorText, PromsteadError, type StateNotice } from '@shared/contract';
import { JsonStore } from './json-store';
import type { Redactor } from './redactor';
import type { SecretCipher } from './secret-cipher';

const SECRET_ID = /^sec_[0-9a-f]{16,64}$/;

const SecretEntrySchema = z.object({
  label: z.string(),
  createdAt: z.string(),
  /** Which cipher sealed it: a value sealed by the keychain cannot be opened with the key file. */
  cipher: z.string(),
  sealed: z.base64(),
});
const SecretsFileSchema = z.record(z.string().regex(SECRET_ID), SecretEntrySchema);
type SecretsFile = z.infer<typeof SecretsFileSchema>;

export interface SecretSummary {
  id: string;
  label: string;
  createdAt: string;
}

export interface SecretStoreOptions {
  /** Usually `<dataDir>/secrets.json`. */
  file: string;
  cipher: SecretCipher;
  redactor: Redactor;
  now?: () => Date;
}

export class SecretStore {
  private readonly store: JsonStore<SecretsFile>;
  private readonly cipher: SecretCipher;
  private readonly redactor: Redactor;
  private readonly now: () => Date;
  private loaded: Promise<StateNotice[]> | undefined;

  constructor(options: SecretStoreOptions) {
    this.cipher = options.cipher;
    this.redactor = options.redactor;
    this.now = options.now ?? ((): Date => new Date());
    this.store = new JsonStore({
      file: options.file,
      schema: SecretsFileSchema,
      version: 1,
      defaults: () => ({}),
      mode: 0o600,
      now: this.now,
    });
  }

  /** Loads the file once; call it at start-up to collect notices about a damaged file. */
  load(): Promise<StateNotice[]> {
    this.loaded ??= this.store.load().then(
      (result) => result.notices,
      (error: unknown) => {
        this.loaded = undefined;
        throw error;
      },
    );
    return this.loaded;
  }

  /** Stores a new secret and returns its id. */
  async put(value: string, label: string): Promise<string> {
    const id = `sec_${randomBytes(16).toString('hex')}`;
    await this.set(id, value, label);
    return id;
  }

  /**
   * Creates or replaces the secret under `id`. Creating under a known id lets the
   * user re-enter a secret that was lost without breaking what refers to it.
   */
  async set(id: string, value: string, label?: string): Promise<void> {
    if (!SECRET_ID.test(id))
      throw new PromsteadError('VALIDATION', `"${id}" is not a secret id (sec_<hex>).`);
    this.redactor.add(value);
    await this.load();
    const sealed = (await this.cipher.encrypt(Buffer.from(value, 'utf8'))).toString('base64');
    await this.store.update((secrets) => {
      const previous = secrets[id];
      const entry = {
        label: label ?? previous?.label ?? id,
        createdAt: previous?.createdAt ?? this.now().toISOString(),
        cipher: this.cipher.kind,
        sealed,
      };
      return { ...secrets, [id]: entry };
    });
  }

  async get(id: string): Promise<string> {
    await this.load();
    const entry = this.store.get()[id];
    if (!entry) throw new PromsteadError('NOT_FOUND', `No secret with id ${id}. Enter it again.`);
    const name = `"${entry.label}" (${id})`;
    if (entry.cipher !== this.cipher.kind) {
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        `The secret ${name} was sealed with ${entry.cipher}, but this session uses ${this.cipher.kind}. ` +
          'Open it from the app that saved it, or enter it again.',
      );
    }
    let plain: Buffer;
    try {
      plain = await this.cipher.decrypt(Buffer.from(entry.sealed, 'base64'));
    } catch (error) {
      const reason = errorText(error);
      throw new PromsteadError(
        'SECRET_UNAVAILABLE',
        `The secret ${name} could not be decrypted: ${reason} Enter it again.`,
      );
    }
    const value = plain.toString('utf8');
    this.redactor.add(value);
    return value;
  }

  /** Removes the secret; removing one that is already gone is not an error. */
  async delete(id: string): Promise<void> {
    await this.load();
    await this.store.update((secrets) =>
      Object.fromEntries(Object.entries(secrets).filter(([key]) => key !== id)),
    );
  }

  /** Ids and labels only: values never leave through here. */
  async list(): Promise<SecretSummary[]> {
    await this.load();
    return Object.entries(this.store.get())
      .map(([id, entry]) => ({ id, label: entry.label, createdAt: entry.createdAt }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}
