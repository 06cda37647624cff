import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstTarEntry, packTar } from './tar-entry';

describe('tar entries for the Docker archive API', () => {
  it('packs a folder and a file that GNU tar lists with their owner and mode', async () => {
    const archive = await packTar([
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

  it('reads back the first file, its bytes, owner and mode', async () => {
    const content = Buffer.alloc(1500, 7);
    const entry = await firstTarEntry(
      await packTar([{ name: 'f', type: 'file', mode: 0o640, uid: 1, gid: 2, content }]),
    );
    expect(entry).toMatchObject({ name: 'f', type: 'file', mode: 0o640, uid: 1, gid: 2 });
    expect(entry?.content.equals(content)).toBe(true);
  });

  it('applies a PAX header record the way Docker writes long names', async () => {
    // GNU tar in POSIX format writes the long name in a PAX record before the entry, as Go does.
    const name = `${'long-'.repeat(30)}name`;
    const directory = mkdtempSync(join(tmpdir(), 'tar-entry-'));
    try {
      writeFileSync(join(directory, name), 'ok');
      execFileSync('tar', ['--format=posix', '-cf', join(directory, 'a.tar'), '-C', directory, name]);
      const entry = await firstTarEntry(readFileSync(join(directory, 'a.tar')));
      expect(entry).toMatchObject({ name, type: 'file' });
      expect(entry?.content.toString()).toBe('ok');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('gives nothing for an empty archive and refuses names tar cannot hold', async () => {
    expect(await firstTarEntry(await packTar([]))).toBeUndefined();
    expect(await firstTarEntry(Buffer.alloc(0))).toBeUndefined();
    await expect(
      packTar([{ name: 'a'.repeat(300), type: 'file', mode: 0o644, uid: 0, gid: 0 }]),
    ).rejects.toThrow(/too long/);
    await expect(
      packTar([{ name: `${'d'.repeat(160)}/${'f'.repeat(20)}`, type: 'file', mode: 0o644, uid: 0, gid: 0 }]),
    ).rejects.toThrow(/too long/);
  });

  it('keeps a zero mode and owners too large for the ustar fields', async () => {
    const archive = await packTar([
      { name: 'f', type: 'file', mode: 0, uid: 300_000, gid: 2_000_000, content: Buffer.from('x'), mtime: 0 },
    ]);
    expect(await firstTarEntry(archive)).toMatchObject({ name: 'f', mode: 0, uid: 300_000, gid: 2_000_000 });
    const directory = mkdtempSync(join(tmpdir(), 'tar-entry-'));
    try {
      writeFileSync(join(directory, 'a.tar'), archive);
      const listing = execFileSync('tar', ['--numeric-owner', '-tvf', join(directory, 'a.tar')]).toString();
      expect(listing).toMatch(/^---------- 300000\/2000000\s+1 .* f$/m);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses a corrupt or truncated archive instead of reading part of it', async () => {
    const archive = await packTar([
      { name: 'f', type: 'file', mode: 0o644, uid: 0, gid: 0, content: Buffer.alloc(2000, 1) },
    ]);
    const corrupt = Buffer.from(archive);
    corrupt[0] = 'g'.charCodeAt(0);
    await expect(firstTarEntry(corrupt)).rejects.toThrow(/tar: Invalid tar header/);
    await expect(firstTarEntry(archive.subarray(0, 1024))).rejects.toThrow(/tar: Unexpected end of data/);
  });
});
