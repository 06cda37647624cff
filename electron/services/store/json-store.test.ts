import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonStore, type JsonStoreOptions } from './json-store';

const SettingsSchema = z.object({ name: z.string(), count: z.number().int() });
type Settings = z.infer<typeof SettingsSchema>;
const fixedNow = new Date('2024-01-02T03:04:05.678Z');

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'promstead-json-store-'));
  file = path.join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function makeStore(overrides: Partial<JsonStoreOptions<Settings>> = {}): JsonStore<Settings> {
  return new JsonStore({
    file,
    schema: SettingsSchema,
    version: 1,
    defaults: () => ({ name: 'default', count: 0 }),
    now: () => fixedNow,
    ...overrides,
  });
}

function envelope(version: number, data: unknown): string {
  return JSON.stringify({ version, data });
}

const corruptName = 'settings.json.corrupt-2024-01-02T03-04-05-678Z';

describe('JsonStore basics', () => {
  it('returns defaults without notices or a file when nothing is stored', async () => {
    const store = makeStore();
    expect(await store.load()).toEqual({ value: { name: 'default', count: 0 }, notices: [] });
    expect(store.get()).toEqual({ name: 'default', count: 0 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses get() before load()', () => {
    expect(() => makeStore().get()).toThrow(/before load/);
  });

  it('saves a pretty-printed versioned envelope that a fresh store loads', async () => {
    await makeStore({ version: 2, migrations: { 1: (data) => data } }).save({ name: 'lab', count: 3 });
    expect(await readFile(file, 'utf8')).toBe(
      `${JSON.stringify({ version: 2, data: { name: 'lab', count: 3 } }, null, 2)}\n`,
    );
    const loaded = await makeStore({ version: 2 }).load();
    expect(loaded).toEqual({ value: { name: 'lab', count: 3 }, notices: [] });
  });

  it('refuses an invalid value with VALIDATION and writes nothing', async () => {
    const store = makeStore();
    await store.save({ name: 'ok', count: 1 });
    const before = await readFile(file, 'utf8');
    const bad = { name: 'bad', count: 1.5 } as Settings;
    await expect(store.save(bad)).rejects.toMatchObject({ code: 'VALIDATION', message: /count/ });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(store.get()).toEqual({ name: 'ok', count: 1 });
  });
});

describe('JsonStore recovery', () => {
  it('moves unparseable JSON aside and uses the last good copy', async () => {
    await writeFile(file, '{"version": 1, "data": {"na');
    await writeFile(`${file}.bak`, envelope(1, { name: 'from-bak', count: 7 }));

    const { value, notices } = await makeStore().load();

    expect(value).toEqual({ name: 'from-bak', count: 7 });
    const movedTo = path.join(dir, corruptName);
    expect(await readFile(movedTo, 'utf8')).toBe('{"version": 1, "data": {"na');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ file, movedTo });
    expect(notices[0]?.message).toMatch(/not valid JSON/);
    expect(notices[0]?.message).toContain(movedTo);
    expect(notices[0]?.message).toMatch(/last good copy/);
    // The good copy is written back so the next start is clean.
    expect(await makeStore().load()).toEqual({ value: { name: 'from-bak', count: 7 }, notices: [] });
  });

  it('falls back to defaults when the last good copy is damaged too, keeping both files', async () => {
    await writeFile(file, 'garbage');
    await writeFile(`${file}.bak`, 'more garbage');

    const { value, notices } = await makeStore().load();

    expect(value).toEqual({ name: 'default', count: 0 });
    expect(await readFile(path.join(dir, corruptName), 'utf8')).toBe('garbage');
    const backupMovedTo = path.join(dir, 'settings.json.bak.corrupt-2024-01-02T03-04-05-678Z');
    expect(await readFile(backupMovedTo, 'utf8')).toBe('more garbage');
    expect(notices).toHaveLength(2);
    expect(notices[1]).toMatchObject({ file: `${file}.bak`, movedTo: backupMovedTo });
    expect(notices[1]?.message).toMatch(/defaults were used/);
  });

  it('says so when there is no last good copy', async () => {
    await writeFile(file, '');
    const { value, notices } = await makeStore().load();
    expect(value).toEqual({ name: 'default', count: 0 });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/no last good copy, so defaults were used/);
  });

  it('treats content failing the schema like a damaged file', async () => {
    await writeFile(file, envelope(1, { name: 42 }));
    await writeFile(`${file}.bak`, envelope(1, { name: 'good', count: 1 }));

    const { value, notices } = await makeStore().load();

    expect(value).toEqual({ name: 'good', count: 1 });
    expect(JSON.parse(await readFile(path.join(dir, corruptName), 'utf8'))).toEqual({
      version: 1,
      data: { name: 42 },
    });
    expect(notices[0]?.message).toMatch(/content is invalid \(name: /);
  });

  it('treats a file that is JSON but not an envelope as damaged', async () => {
    await writeFile(file, '[1, 2, 3]');
    const { notices } = await makeStore().load();
    expect(notices[0]?.message).toMatch(/not a Promstead state file/);
  });

  it('moves a file from a newer version aside with a notice naming both versions', async () => {
    await writeFile(file, envelope(9, { name: 'future', count: 1, extra: true }));

    const { value, notices } = await makeStore({
      version: 3,
      migrations: { 1: (d) => d, 2: (d) => d },
    }).load();

    expect(value).toEqual({ name: 'default', count: 0 });
    expect(await readFile(path.join(dir, corruptName), 'utf8')).toContain('future');
    expect(notices[0]?.message).toMatch(
      /newer version of Promstead \(format 9; this version reads up to 3\)/,
    );
  });

  it('never overwrites an earlier moved-aside file', async () => {
    await writeFile(path.join(dir, corruptName), 'earlier');
    await writeFile(file, 'later');
    const { notices } = await makeStore().load();
    expect(notices[0]?.movedTo).toBe(path.join(dir, `${corruptName}-2`));
    expect(await readFile(path.join(dir, corruptName), 'utf8')).toBe('earlier');
    expect(await readFile(path.join(dir, `${corruptName}-2`), 'utf8')).toBe('later');
  });
});

describe('JsonStore migrations', () => {
  const V3Schema = z.object({ displayName: z.string(), tags: z.array(z.string()) });

  it('migrates version 1 to 3 step by step and saves the result', async () => {
    await writeFile(file, envelope(1, { name: 'old' }));
    const steps: number[] = [];
    const store = new JsonStore({
      file,
      schema: V3Schema,
      version: 3,
      defaults: () => ({ displayName: '', tags: [] }),
      migrations: {
        1: (data) => {
          steps.push(1);
          return { ...(data as { name: string }), tags: ['migrated'] };
        },
        2: (data) => {
          steps.push(2);
          const { name, tags } = data as { name: string; tags: string[] };
          return { displayName: name.toUpperCase(), tags };
        },
      },
    });

    const { value, notices } = await store.load();

    expect(steps).toEqual([1, 2]);
    expect(value).toEqual({ displayName: 'OLD', tags: ['migrated'] });
    expect(notices).toEqual([]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 3, data: value });
    // The pre-migration file survives as the last good copy.
    expect(JSON.parse(await readFile(`${file}.bak`, 'utf8'))).toEqual({ version: 1, data: { name: 'old' } });
  });

  it('treats a missing migration step as a damaged file', async () => {
    await writeFile(file, envelope(1, { name: 'old', count: 1 }));
    const { notices } = await makeStore({ version: 3, migrations: { 2: (d) => d } }).load();
    expect(notices[0]?.message).toMatch(/no migration from format 1/);
  });
});

describe('JsonStore updates', () => {
  it('lands every one of many concurrent updates', async () => {
    const store = makeStore();
    await store.load();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.update((current) => ({ ...current, count: current.count + 1 }))),
    );
    expect(results.map((result) => result.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
    expect(store.get().count).toBe(50);
    expect((await makeStore().load()).value.count).toBe(50);
  });

  it('keeps going after a failed update and leaves the value untouched by it', async () => {
    const store = makeStore();
    await store.load();
    const failing = store.update((current) => {
      current.count = 99;
      throw new Error('boom');
    });
    const invalid = store.update((current) => ({ ...current, count: -0.5 }));
    const good = store.update((current) => ({ ...current, count: current.count + 1 }));

    await expect(failing).rejects.toThrow('boom');
    await expect(invalid).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await good).toEqual({ name: 'default', count: 1 });
  });
});
