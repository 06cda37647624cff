import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AesKeyFileCipher } from './aes-key-file-cipher';
import { Redactor } from './redactor';
import type { SecretCipher } from './secret-cipher';
import { SecretStore } from './secret-store';

const PLAIN = 'correct-horse-battery-staple';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'promstead-secrets-'));
  file = path.join(dir, 'secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function makeStore(
  redactor = new Redactor(),
  cipher: SecretCipher = new AesKeyFileCipher(path.join(dir, 'secret.key')),
): SecretStore {
  return new SecretStore({ file, cipher, redactor, now: () => new Date('2024-05-06T07:08:09.000Z') });
}

describe('SecretStore', () => {
  it('round-trips a value, also through a fresh instance', async () => {
    const id = await makeStore().put(PLAIN, 'NAS admin');
    expect(id).toMatch(/^sec_[0-9a-f]{32}$/);
    expect(await makeStore().get(id)).toBe(PLAIN);
  });

  it('keeps the plaintext out of the file on disk, which only the owner can read', async () => {
    await makeStore().put(PLAIN, 'NAS admin');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PLAIN);
    expect(text).not.toContain(Buffer.from(PLAIN).toString('base64'));
    expect(text).toContain('NAS admin');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('lists ids, labels and dates but never values', async () => {
    const store = makeStore();
    const id = await store.put(PLAIN, 'NAS admin');
    const listed = await store.list();
    expect(listed).toEqual([{ id, label: 'NAS admin', createdAt: '2024-05-06T07:08:09.000Z' }]);
    expect(JSON.stringify(listed)).not.toContain(PLAIN);
  });

  it('reports a missing id as NOT_FOUND', async () => {
    await expect(makeStore().get('sec_00000000000000000000000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('reports tampered ciphertext as SECRET_UNAVAILABLE, naming the secret', async () => {
    const id = await makeStore().put(PLAIN, 'NAS admin');
    const envelope = JSON.parse(await readFile(file, 'utf8')) as { data: Record<string, { sealed: string }> };
    const entry = envelope.data[id];
    if (!entry) throw new Error('entry missing');
    const sealed = Buffer.from(entry.sealed, 'base64');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 0xff;
    entry.sealed = sealed.toString('base64');
    await writeFile(file, JSON.stringify(envelope));

    await expect(makeStore().get(id)).rejects.toMatchObject({
      code: 'SECRET_UNAVAILABLE',
      message: expect.stringContaining('"NAS admin"'),
    });
  });

  it('refuses a value sealed by another kind of cipher with a clear reason', async () => {
    const id = await makeStore().put(PLAIN, 'router');
    const keychain: SecretCipher = {
      kind: 'electron-safe-storage',
      encrypt: async (plain) => plain,
      decrypt: async (sealed) => sealed,
    };
    await expect(makeStore(new Redactor(), keychain).get(id)).rejects.toMatchObject({
      code: 'SECRET_UNAVAILABLE',
      message: expect.stringMatching(
        /sealed with aes-256-gcm-key-file, but this session uses electron-safe-storage/,
      ),
    });
  });

  it('replaces a value under the same id, keeping label and creation date unless told', async () => {
    const store = makeStore();
    const id = await store.put('first-value', 'switch');
    await store.set(id, 'second-value');
    expect(await store.get(id)).toBe('second-value');
    await store.set(id, 'third-value', 'core switch');
    expect(await makeStore().list()).toEqual([
      { id, label: 'core switch', createdAt: '2024-05-06T07:08:09.000Z' },
    ]);
  });

  it('can recreate a lost secret under the id that state refers to, and rejects malformed ids', async () => {
    const store = makeStore();
    const id = 'sec_0123456789abcdef0123456789abcdef';
    await store.set(id, 're-entered', 'printer');
    expect(await store.get(id)).toBe('re-entered');
    await expect(store.set('../../etc', 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('deletes', async () => {
    const store = makeStore();
    const keep = await store.put('keep-me', 'a');
    const drop = await store.put('drop-me', 'b');
    await store.delete(drop);
    await store.delete(drop);
    expect((await makeStore().list()).map((item) => item.id)).toEqual([keep]);
    await expect(store.get(drop)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lands concurrent puts', async () => {
    const store = makeStore();
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, index) => store.put(`value-${index}`, `label ${index}`)),
    );
    expect((await makeStore().list()).map((item) => item.id).sort()).toEqual([...ids].sort());
  });

  it('registers values it stores and values it reads with the redactor', async () => {
    const writer = new Redactor();
    const id = await makeStore(writer).put(PLAIN, 'NAS admin');
    expect(writer.redact(`ssh -p ${PLAIN}`)).toBe('ssh -p [redacted]');

    const reader = new Redactor();
    const store = makeStore(reader);
    expect(reader.redact(PLAIN)).toBe(PLAIN);
    await store.get(id);
    expect(reader.redact(`ssh -p ${PLAIN}`)).toBe('ssh -p [redacted]');
  });

  it('reports a damaged secrets file as a notice and keeps working', async () => {
    await writeFile(file, 'not json');
    const store = makeStore();
    const notices = await store.load();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.movedTo).toContain('secrets.json.corrupt-');
    expect(await store.list()).toEqual([]);
  });
});
