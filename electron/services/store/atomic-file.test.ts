import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileIfExists, removeStaleTempFiles, writeFileAtomic } from './atomic-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'promstead-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tempFilesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.tmp'));
}

/** A pid that certainly belonged to a process which has since exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('child had no pid');
  return child.pid;
}

describe('writeFileAtomic', () => {
  it('creates the file private to the owner and makes no .bak when there was nothing before', async () => {
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, 'first');
    expect(await readFile(file, 'utf8')).toBe('first');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFileIfExists(`${file}.bak`)).toBeUndefined();
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('honours an explicit mode', async () => {
    const file = path.join(dir, 'public.txt');
    await writeFileAtomic(file, Buffer.from('x'), { mode: 0o640 });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('keeps the previous content as .bak on each replacement', async () => {
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
    await writeFileAtomic(file, 'three');
    expect(await readFile(file, 'utf8')).toBe('three');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('two');
    expect(await tempFilesIn(dir)).toEqual([]);
  });

  it('fails without leaving a temp file behind', async () => {
    // A directory in the target's place makes the final rename fail after the temp file exists.
    const file = path.join(dir, 'occupied');
    await mkdir(file);
    await expect(writeFileAtomic(file, 'data')).rejects.toThrow();
    expect(await tempFilesIn(dir)).toEqual([]);
    expect((await stat(file)).isDirectory()).toBe(true);
  });

  it('rejects when the directory does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'state.json'), 'data')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('readFileIfExists', () => {
  it('returns undefined for a missing file and the text otherwise', async () => {
    const file = path.join(dir, 'note.txt');
    expect(await readFileIfExists(file)).toBeUndefined();
    await writeFile(file, 'héllo');
    expect(await readFileIfExists(file)).toBe('héllo');
  });

  it('still throws errors other than a missing file', async () => {
    await expect(readFileIfExists(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only the temp files of this target whose writer is gone', async () => {
    const file = path.join(dir, 'state.json');
    const dead = await deadPid();
    const names = {
      deadMain: `.state.json.${dead}.ab12.tmp`,
      deadBackup: `.state.json.bak.${dead}.cd34.tmp`,
      liveMain: `.state.json.${process.pid}.ef56.tmp`,
      otherTarget: `.other.json.${dead}.ab12.tmp`,
    };
    for (const name of Object.values(names)) await writeFile(path.join(dir, name), 'partial');

    const removed = await removeStaleTempFiles(file);

    expect(removed.map((item) => path.basename(item)).sort()).toEqual(
      [names.deadBackup, names.deadMain].sort(),
    );
    expect((await tempFilesIn(dir)).sort()).toEqual([names.liveMain, names.otherTarget].sort());
  });
});
