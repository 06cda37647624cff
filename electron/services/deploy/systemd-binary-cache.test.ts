import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

let work = '';
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'promstead-cache-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function archive(): Promise<Buffer> {
  await mkdir(join(work, 'src', 'tool-1.2.3.linux-amd64'), { recursive: true });
  await writeFile(join(work, 'src', 'tool-1.2.3.linux-amd64', 'tool'), '#!/bin/true\n');
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
    await writeFile(join(work, 'exporter'), 'binary bytes');
    const cache = new SystemdBinaryCache(join(work, 'cache'));
    const added = await cache.addLocalBinary('node_exporter', '1.5.0', 'amd64', join(work, 'exporter'));
    expect(added.sha256).toBe(createHash('sha256').update('binary bytes').digest('hex'));
    expect(await cache.find('node_exporter', '1.5.0', 'amd64')).toEqual(added);
    expect(await cache.find('node_exporter', '1.5.0', 'arm64')).toBeUndefined();
  });

  it('refuses a cached binary changed since', async () => {
    await writeFile(join(work, 'exporter'), 'binary bytes');
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
    expect(await readFile(cached.path, 'utf8')).toBe('#!/bin/true\n');
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
    await expect(cache.ensure('tool', '1.2.3', 'amd64', release)).rejects.toThrow(/fill the binary cache/);
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
