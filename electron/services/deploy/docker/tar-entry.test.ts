import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstTarEntry, packTar } from './tar-entry';

describe('tar entries for the Docker archive API', () => {
  it('packs a folder and a file that GNU tar lists with their owner and mode', () => {
    const archive = packTar([
      { name: 'config', type: 'directory', mode: 0o750, uid: 65534, gid: 65534, mtime: 0 },
      {
        name: 'config/a.yml',
        type: 'file',
        mode: 0o600,
        uid: 65534,
        gid: 65534,
        content: Buffer.from('x: 1\n'),
        mtime: 0,
      },
    ]);
    expect(archive.length % 512).toBe(0);
    const directory = mkdtempSync(join(tmpdir(), 'tar-entry-'));
    try {
      writeFileSync(join(directory, 'a.tar'), archive);
      const listing = execFileSync('tar', ['--numeric-owner', '-tvf', join(directory, 'a.tar')]).toString();
      expect(listing).toMatch(/^drwxr-x--- 65534\/65534\s+0 .* config\/$/m);
      expect(listing).toMatch(/^-rw------- 65534\/65534\s+5 .* config\/a\.yml$/m);
      execFileSync('tar', ['-xf', join(directory, 'a.tar'), '-C', directory]);
      expect(readFileSync(join(directory, 'config/a.yml'), 'utf8')).toBe('x: 1\n');
      expect(statSync(join(directory, 'config/a.yml')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reads back the first file, its bytes, owner and mode', () => {
    const content = Buffer.alloc(1500, 7);
    const entry = firstTarEntry(packTar([{ name: 'f', type: 'file', mode: 0o640, uid: 1, gid: 2, content }]));
    expect(entry).toMatchObject({ name: 'f', type: 'file', mode: 0o640, uid: 1, gid: 2 });
    expect(entry?.content.equals(content)).toBe(true);
  });

  it('skips a PAX header record the way Docker writes long names', () => {
    const pax = packTar([
      {
        name: 'PaxHeader/f',
        type: 'file',
        mode: 0o644,
        uid: 0,
        gid: 0,
        content: Buffer.from('30 path=some/long/name\n'),
      },
    ]);
    // Turn the first record into a PAX extended header ('x').
    pax[156] = 'x'.charCodeAt(0);
    const body = packTar([
      { name: 'f', type: 'file', mode: 0o644, uid: 0, gid: 0, content: Buffer.from('ok') },
    ]);
    const archive = Buffer.concat([pax.subarray(0, 1024), body]);
    expect(firstTarEntry(archive)?.content.toString()).toBe('ok');
  });

  it('gives nothing for an empty archive and refuses names tar cannot hold', () => {
    expect(firstTarEntry(packTar([]))).toBeUndefined();
    expect(() => packTar([{ name: 'a'.repeat(300), type: 'file', mode: 0o644, uid: 0, gid: 0 }])).toThrow(
      /too long/,
    );
  });
});
