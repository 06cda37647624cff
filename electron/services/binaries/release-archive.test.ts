import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Header, type HeaderData } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveMembers, unpackMember } from './release-archive';

const execFileAsync = promisify(execFile);
const member = 'tool-1.2.3.linux-amd64/tool';

let work = '';
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'promstead-archive-'));
  await mkdir(join(work, 'unpack'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Tar {
  header: HeaderData;
  body?: Buffer;
}

/**
 * A .tar.gz written block by block, so a test can hold what no careful tool writes: `..` and
 * absolute names, links where the binary should be, a size larger than the bytes that follow.
 */
async function hostileArchive(records: readonly Tar[], options: { end?: boolean } = {}): Promise<string> {
  const blocks: Buffer[] = [];
  for (const { header, body = Buffer.alloc(0) } of records) {
    const encoded = new Header({
      mode: 0o755,
      uid: 0,
      gid: 0,
      mtime: new Date(0),
      size: body.length,
      ...header,
    });
    encoded.encode();
    if (!encoded.block) throw new Error('header not encoded');
    blocks.push(encoded.block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (options.end !== false) blocks.push(Buffer.alloc(1024));
  const path = join(work, 'hostile.tar.gz');
  await writeFile(path, gzipSync(Buffer.concat(blocks)));
  return path;
}

const file = (path: string, text = 'binary'): Tar => ({
  header: { path, type: 'File' },
  body: Buffer.from(text),
});

describe('release archives', () => {
  it('lists the members and unpacks the one asked, as GNU tar wrote them', async () => {
    await mkdir(join(work, 'src', 'tool-1.2.3.linux-amd64'), { recursive: true });
    await writeFile(join(work, 'src', member), 'binary');
    await writeFile(join(work, 'src', 'tool-1.2.3.linux-amd64', 'LICENSE'), 'license');
    const archive = join(work, 'a.tar.gz');
    await execFileAsync('tar', ['-czf', archive, '-C', join(work, 'src'), 'tool-1.2.3.linux-amd64']);
    expect(await archiveMembers(archive)).toEqual(
      new Set(['tool-1.2.3.linux-amd64/', member, 'tool-1.2.3.linux-amd64/LICENSE']),
    );
    const unpacked = await unpackMember(archive, member, join(work, 'unpack'));
    expect(unpacked).toBe(join(work, 'unpack', member));
    expect(await readFile(unpacked, 'utf8')).toBe('binary');
    // Only the member: the licence next to it is not written.
    expect(await readdir(join(work, 'unpack', 'tool-1.2.3.linux-amd64'))).toEqual(['tool']);
  });

  it('refuses a member that is a hard link, a symbolic link or a folder', async () => {
    const cases: Tar[] = [
      { header: { path: member, type: 'Link', linkpath: 'tool-1.2.3.linux-amd64/real' } },
      { header: { path: member, type: 'SymbolicLink', linkpath: '/etc/passwd' } },
      { header: { path: member, type: 'Directory' } },
    ];
    for (const record of cases) {
      const archive = await hostileArchive([file('tool-1.2.3.linux-amd64/real'), record]);
      await expect(unpackMember(archive, member, join(work, 'unpack'))).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(/is not a regular file: refusing it/),
      });
      await expect(stat(join(work, 'unpack', member))).rejects.toThrow(/ENOENT/);
    }
  });

  it('writes nothing outside the work folder for `..` or absolute names', async () => {
    const outside = join(work, 'outside');
    const archive = await hostileArchive([
      file('../outside', 'escaped'),
      file(outside, 'escaped'),
      file(`tool-1.2.3.linux-amd64/../../outside`, 'escaped'),
      file(member),
    ]);
    // Names are listed as stored, so an absolute or `..` one never matches the catalog's member.
    expect(await archiveMembers(archive)).toContain(outside);
    await expect(readFile(await unpackMember(archive, member, join(work, 'unpack')), 'utf8')).resolves.toBe(
      'binary',
    );
    for (const hostile of ['../outside', outside, 'tool-1.2.3.linux-amd64/../../outside']) {
      await expect(unpackMember(archive, hostile, join(work, 'unpack'))).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    }
    await expect(stat(outside)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a member larger than the cache takes before writing any of it', async () => {
    // The header claims 200 MiB and one byte; the refusal comes before the missing bytes are noticed.
    const archive = await hostileArchive(
      [{ header: { path: member, type: 'File', size: 200 * 1024 * 1024 + 1 }, body: Buffer.alloc(512) }],
      { end: false },
    );
    await expect(unpackMember(archive, member, join(work, 'unpack'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/is larger than 209715200 bytes: refusing it/),
    });
    await expect(stat(join(work, 'unpack', member))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a missing member, a truncated archive, and a tar that is not gzip', async () => {
    const archive = await hostileArchive([file('tool-1.2.3.linux-amd64/other')]);
    await expect(unpackMember(archive, member, join(work, 'unpack'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/could not be unpacked .* \(not found in the archive\)/),
    });
    const truncated = await hostileArchive(
      [{ header: { path: member, type: 'File', size: 4096 }, body: Buffer.alloc(512) }],
      {
        end: false,
      },
    );
    await expect(unpackMember(truncated, member, join(work, 'unpack'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/could not be unpacked/),
    });
    await expect(archiveMembers(truncated)).rejects.toMatchObject({ code: 'VALIDATION' });
    await mkdir(join(work, 'src'));
    await writeFile(join(work, 'src', 'tool'), 'binary');
    await execFileAsync('tar', ['-cf', join(work, 'plain.tar'), '-C', join(work, 'src'), 'tool']);
    await expect(archiveMembers(join(work, 'plain.tar'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/could not be read as a \.tar\.gz \(not in gzip format\)/),
    });
  });

  it('says a cancelled unpack was cancelled', async () => {
    const archive = await hostileArchive([file(member)]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      unpackMember(archive, member, join(work, 'unpack'), controller.signal),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
