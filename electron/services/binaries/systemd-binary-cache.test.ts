import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SystemdBinaryCache, checksumFor } from './systemd-binary-cache';

const execFileAsync = promisify(execFile);
const release = {
  releaseUrl: (version: string, arch: string): string =>
    `https://example.test/v${version}/tool-${version}.linux-${arch}.tar.gz`,
  checksumsUrl: (version: string): string => `https://example.test/v${version}/sha256sums.txt`,
  archiveBinaryPath: (version: string, arch: string): string => `tool-${version}.linux-${arch}/tool`,
};

/** A file whose header is an ELF executable's: enough for the cache, which reads only that. */
function elf(machine: number, options: { bits?: 32 | 64; type?: number; body?: string } = {}): Buffer {
  const header = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]).copy(header);
  header[4] = (options.bits ?? 64) === 64 ? 2 : 1;
  header[5] = 1;
  header[6] = 1;
  header.writeUInt16LE(options.type ?? 2, 16);
  header.writeUInt16LE(machine, 18);
  return Buffer.concat([header, Buffer.from(options.body ?? 'program bytes')]);
}
const amd64 = 62;
const aarch64 = 183;
const arm = 40;

let work = '';
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'promstead-cache-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function archive(): Promise<Buffer> {
  await mkdir(join(work, 'src', 'tool-1.2.3.linux-amd64'), { recursive: true });
  await writeFile(join(work, 'src', 'tool-1.2.3.linux-amd64', 'tool'), elf(amd64));
  await execFileAsync('tar', [
    '-czf',
    join(work, 'a.tar.gz'),
    '-C',
    join(work, 'src'),
    'tool-1.2.3.linux-amd64',
  ]);
  return readFile(join(work, 'a.tar.gz'));
}

function fakeFetch(files: Record<string, Buffer | string>): (url: string) => Promise<Response> {
  return async (url) => {
    const body = files[url];
    return body === undefined ? new Response('missing', { status: 404 }) : new Response(body);
  };
}

describe('the binary cache', () => {
  it('keeps a local binary with its hash and finds it again', async () => {
    await writeFile(join(work, 'exporter'), elf(amd64));
    const cache = new SystemdBinaryCache(join(work, 'cache'));
    const added = await cache.addLocalBinary('node_exporter', '1.5.0', 'amd64', join(work, 'exporter'));
    expect(added.sha256).toBe(createHash('sha256').update(elf(amd64)).digest('hex'));
    expect(await cache.find('node_exporter', '1.5.0', 'amd64')).toEqual(added);
    expect(await cache.find('node_exporter', '1.5.0', 'arm64')).toBeUndefined();
  });

  it('refuses a cached binary changed since', async () => {
    await writeFile(join(work, 'exporter'), elf(amd64));
    const cache = new SystemdBinaryCache(join(work, 'cache'));
    const added = await cache.addLocalBinary('node_exporter', '1.5.0', 'amd64', join(work, 'exporter'));
    await writeFile(added.path, 'tampered');
    await expect(cache.find('node_exporter', '1.5.0', 'amd64')).rejects.toThrow(
      /does not match its recorded checksum/,
    );
  });

  it('downloads, checks the published checksum and unpacks the binary', async () => {
    const bytes = await archive();
    const sum = createHash('sha256').update(bytes).digest('hex');
    const cache = new SystemdBinaryCache(
      join(work, 'cache'),
      fakeFetch({
        [release.checksumsUrl('1.2.3')]:
          `${'0'.repeat(64)}  other.tar.gz\n${sum}  tool-1.2.3.linux-amd64.tar.gz\n`,
        [release.releaseUrl('1.2.3', 'amd64')]: bytes,
      }),
    );
    const cached = await cache.ensure('tool', '1.2.3', 'amd64', release);
    expect(await readFile(cached.path)).toEqual(elf(amd64));
  });

  it('refuses an archive whose checksum does not match', async () => {
    const cache = new SystemdBinaryCache(
      join(work, 'cache'),
      fakeFetch({
        [release.checksumsUrl('1.2.3')]: `${'1'.repeat(64)}  tool-1.2.3.linux-amd64.tar.gz\n`,
        [release.releaseUrl('1.2.3', 'amd64')]: await archive(),
      }),
    );
    await expect(cache.ensure('tool', '1.2.3', 'amd64', release)).rejects.toThrow(
      /does not match its published checksum/,
    );
    expect(await cache.find('tool', '1.2.3', 'amd64')).toBeUndefined();
  });

  it('says how to fill the cache when offline', async () => {
    const cache = new SystemdBinaryCache(join(work, 'cache'), () =>
      Promise.reject(new Error('getaddrinfo ENOTFOUND')),
    );
    await expect(cache.ensure('tool', '1.2.3', 'amd64', release)).rejects.toThrow(
      /without Internet access, .*`promstead binary add tool <file> --version 1\.2\.3 --arch amd64`/,
    );
  });

  it('refuses hostile exporter names and versions as folder names', async () => {
    const cache = new SystemdBinaryCache(join(work, 'cache'));
    await expect(cache.find('../etc', '1.2.3', 'amd64')).rejects.toThrow();
    await expect(cache.find('tool', '../../1', 'amd64')).rejects.toThrow();
  });

  it('reads sha256sums lines', () => {
    expect(checksumFor(`${'a'.repeat(64)} *x.tar.gz\n`, 'x.tar.gz')).toBe('a'.repeat(64));
    expect(checksumFor('garbage', 'x.tar.gz')).toBeUndefined();
  });
});

describe('adding a file from this machine', () => {
  const add = (source: string, arch?: 'amd64' | 'arm64' | 'armv7' | 'armv6') =>
    new SystemdBinaryCache(join(work, 'cache')).addLocalFile({
      exporter: 'tool',
      version: '1.2.3',
      source,
      release,
      ...(arch ? { arch } : {}),
    });

  it('reads the architecture from the ELF header', async () => {
    await writeFile(join(work, 'arm64-build'), elf(aarch64));
    await expect(add(join(work, 'arm64-build'))).resolves.toMatchObject({ arch: 'arm64', size: 77 });
  });

  it('refuses a file that is not an ELF executable, saying what it is', async () => {
    await writeFile(join(work, 'script'), '#!/bin/sh\necho hi\n');
    await writeFile(join(work, 'object.o'), elf(amd64, { type: 1 }));
    await writeFile(join(work, 'empty'), '');
    await expect(add(join(work, 'script'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/script is a script: the cache takes an exporter's Linux binary/),
    });
    await expect(add(join(work, 'object.o'), 'amd64')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/an object file, not an executable/),
    });
    await expect(add(join(work, 'empty'))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await new SystemdBinaryCache(join(work, 'cache')).list()).toEqual([]);
  });

  it('refuses a binary built for another architecture than the one asked', async () => {
    await writeFile(join(work, 'arm64-build'), elf(aarch64));
    await writeFile(join(work, 'x86-32'), elf(3, { bits: 64 }));
    await expect(add(join(work, 'arm64-build'), 'amd64')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/is built for arm64, not amd64/),
    });
    // A 64-bit header claiming an i386 machine is no build any release has.
    await expect(add(join(work, 'x86-32'))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await new SystemdBinaryCache(join(work, 'cache')).list()).toEqual([]);
  });

  it('asks which ARM an ARM binary is for, and takes either when told', async () => {
    await writeFile(join(work, 'arm-build'), elf(arm, { bits: 32 }));
    await expect(add(join(work, 'arm-build'))).rejects.toThrow(/armv7 or armv6/);
    await expect(add(join(work, 'arm-build'), 'armv7')).resolves.toMatchObject({ arch: 'armv7' });
    await expect(add(join(work, 'arm-build'), 'arm64')).rejects.toThrow(
      /built for armv7 or armv6, not arm64/,
    );
  });

  it('says a missing file or a folder is not there to add', async () => {
    await expect(add(join(work, 'nothing-here'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `No file at ${join(work, 'nothing-here')}.`,
    });
    await expect(add(work)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not a regular file/),
    });
  });

  it('unpacks the binary of a release archive, finding its architecture in it', async () => {
    await writeFile(join(work, 'tool-1.2.3.linux-amd64.tar.gz'), await archive());
    const added = await add(join(work, 'tool-1.2.3.linux-amd64.tar.gz'));
    expect(added).toMatchObject({ exporter: 'tool', version: '1.2.3', arch: 'amd64' });
    expect(await readFile(added.path)).toEqual(elf(amd64));
    await expect(add(join(work, 'tool-1.2.3.linux-amd64.tar.gz'), 'arm64')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(
        /holds no tool-1\.2\.3\.linux-arm64\/tool: is it the release archive of tool 1\.2\.3 for arm64/,
      ),
    });
  });

  it('refuses an archive whose binary is a link, or that is no archive', async () => {
    await mkdir(join(work, 'src', 'tool-1.2.3.linux-amd64'), { recursive: true });
    await symlink('/etc/passwd', join(work, 'src', 'tool-1.2.3.linux-amd64', 'tool'));
    await execFileAsync('tar', [
      '-czf',
      join(work, 'link.tar.gz'),
      '-C',
      join(work, 'src'),
      'tool-1.2.3.linux-amd64',
    ]);
    await expect(add(join(work, 'link.tar.gz'), 'amd64')).rejects.toThrow(/not a regular file/);
    await writeFile(join(work, 'broken.tar.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(add(join(work, 'broken.tar.gz'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/could not be read as a \.tar\.gz/),
    });
    expect(await new SystemdBinaryCache(join(work, 'cache')).list()).toEqual([]);
  });

  it('says when it replaced a different binary of the same version', async () => {
    await writeFile(join(work, 'first'), elf(amd64, { body: 'first' }));
    await writeFile(join(work, 'second'), elf(amd64, { body: 'second' }));
    const first = await add(join(work, 'first'));
    expect(first.replacedSha256).toBeUndefined();
    expect((await add(join(work, 'first'))).replacedSha256).toBeUndefined();
    expect((await add(join(work, 'second'))).replacedSha256).toBe(first.sha256);
  });
});

describe('listing and removing', () => {
  it('lists entries in order with size and integrity, and removes by version or arch', async () => {
    const cache = new SystemdBinaryCache(join(work, 'cache'));
    await writeFile(join(work, 'x86'), elf(amd64));
    await writeFile(join(work, 'arm64'), elf(aarch64));
    await cache.addLocalBinary('tool', '1.10.0', 'amd64', join(work, 'x86'));
    const tampered = await cache.addLocalBinary('tool', '1.9.0', 'amd64', join(work, 'x86'));
    await cache.addLocalBinary('tool', '1.9.0', 'arm64', join(work, 'arm64'));
    await cache.addLocalBinary('other', '0.1.0', 'amd64', join(work, 'x86'));
    // Leftovers of an interrupted add are not entries.
    await mkdir(join(work, 'cache', 'tool', '2.0.0', 'amd64'), { recursive: true });
    await writeFile(tampered.path, 'changed');

    const listed = await cache.list();
    expect(listed.map((entry) => `${entry.exporter} ${entry.version} ${entry.arch} ${entry.intact}`)).toEqual(
      ['other 0.1.0 amd64 true', 'tool 1.9.0 amd64 false', 'tool 1.9.0 arm64 true', 'tool 1.10.0 amd64 true'],
    );
    expect(listed[0]?.size).toBe(elf(amd64).length);

    expect((await cache.remove('tool', '1.9.0', 'amd64')).map((entry) => entry.arch)).toEqual(['amd64']);
    expect((await cache.remove('tool')).map((entry) => entry.version)).toEqual(['1.9.0', '1.10.0']);
    expect(await cache.remove('tool')).toEqual([]);
    expect((await cache.list()).map((entry) => entry.exporter)).toEqual(['other']);
    await expect(cache.remove('../other')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
