// The two things done with an exporter's release archive (.tar.gz): list its members and
// unpack the one binary. Shared by downloads and by archives a user adds to the cache.
// node-tar reads them in-process: no system tar (GNU on Linux, bsdtar or none on macOS and
// Windows) whose options, matching and refusals differ from one platform to the next.
import { createReadStream } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import { ReadEntry, extract, list, type Parser } from 'tar';
import { PromsteadError, errorText } from '@shared/contract';
import { isGzip } from './elf-header';

/** Member names kept: a release archive lists a handful; a huge listing is no release archive. */
const maxListingBytes = 1024 * 1024;
/** The largest member unpacked: the cache takes no bigger binary (or archive) than this. */
const maxMemberBytes = 200 * 1024 * 1024;
/** What tar calls a regular file: links, folders and devices never reach the cache. */
const regularFileTypes: ReadonlySet<string> = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Member names of a .tar.gz, as tar lists them (as stored: an absolute or `..` name stays so). */
export async function archiveMembers(archive: string): Promise<Set<string>> {
  const members = new Set<string>();
  let listed = 0;
  const parser = list({
    strict: true,
    onReadEntry: (entry) => {
      listed += Buffer.byteLength(entry.path) + 1;
      if (listed > maxListingBytes) parser.abort(new Error('more member names than a release archive has'));
      else members.add(entry.path);
    },
  });
  try {
    await readArchive(archive, parser);
  } catch (error) {
    throw new PromsteadError(
      'VALIDATION',
      `${archive} could not be read as a .tar.gz (${firstLine(error)}).`,
    );
  }
  return members;
}

/**
 * Unpacks one member of a .tar.gz into `work` and returns its path. The member name comes
 * from the catalog, never from the user, and must match a stored name exactly, as GNU tar
 * matches it. Only that entry is written; one that is a link or a folder, or larger than the
 * cache takes, is refused before a byte of it is written, so nothing but a regular file's
 * bytes can reach the cache. node-tar runs strict, so a damaged archive (or a name it would
 * have to rewrite) is an error rather than a warning it skips.
 */
export async function unpackMember(
  archive: string,
  member: string,
  work: string,
  signal?: AbortSignal,
): Promise<string> {
  if (posix.isAbsolute(member) || win32.isAbsolute(member) || member.split(/[\\/]/).includes('..'))
    throw new PromsteadError('VALIDATION', `${member} is not a path inside the archive: refusing it.`);
  let found: ReadEntry | undefined;
  let refusal: string | undefined;
  const unpack = extract({
    cwd: work,
    strict: true,
    // node-tar's default, said out loud: no absolute or `..` names, no writing through symlinks.
    preservePaths: false,
    filter: (path, entry) => {
      if (path !== member || !(entry instanceof ReadEntry)) return false;
      if (!regularFileTypes.has(entry.type))
        refusal = `${member} in ${archive} is not a regular file: refusing it.`;
      else if (entry.size > maxMemberBytes)
        refusal = `${member} in ${archive} is larger than ${maxMemberBytes} bytes: refusing it.`;
      if (refusal) {
        unpack.abort(new Error(refusal));
        return false;
      }
      found = entry;
      return true;
    },
  });
  try {
    await readArchive(archive, unpack, signal);
  } catch (error) {
    // A stopped parser never ends the entry it was writing, and the file stays open until it ends.
    found?.end();
    if (signal?.aborted) throw new PromsteadError('CANCELLED', `Unpacking ${member} was cancelled.`);
    if (refusal) throw new PromsteadError('VALIDATION', refusal);
    throw new PromsteadError(
      'VALIDATION',
      `${member} could not be unpacked from ${archive} (${firstLine(error)}).`,
    );
  }
  if (!found) {
    throw new PromsteadError(
      'VALIDATION',
      `${member} could not be unpacked from ${archive} (not found in the archive).`,
    );
  }
  const unpacked = join(work, member);
  // Checked again on disk: whatever node-tar did, only a regular file leaves this function.
  const info = await lstat(unpacked);
  if (!info.isFile())
    throw new PromsteadError('VALIDATION', `${member} in ${archive} is not a regular file: refusing it.`);
  return unpacked;
}

/**
 * Feeds the file to a node-tar parser and settles when the parser is done (`close`), failing
 * on its first error. Gzip only, as `tar -z` was: node-tar would take a plain tar too, and a
 * release archive that is not gzip is not the one the checksums name.
 */
async function readArchive(archive: string, parser: Parser, signal?: AbortSignal): Promise<void> {
  if (!(await startsAsGzip(archive))) throw new Error('not in gzip format');
  if (signal?.aborted) throw new Error('cancelled');
  const input = createReadStream(archive);
  const cancel = (): void => {
    input.destroy();
    parser.abort(new Error('cancelled'));
  };
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', reject);
      input.on('error', reject);
      signal?.addEventListener('abort', cancel, { once: true });
      input.pipe(parser);
    });
  } finally {
    signal?.removeEventListener('abort', cancel);
    input.destroy();
  }
}

async function startsAsGzip(archive: string): Promise<boolean> {
  const handle = await open(archive, 'r');
  try {
    const header = Buffer.alloc(2);
    const { bytesRead } = await handle.read(header, 0, 2, 0);
    return isGzip(header.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function firstLine(error: unknown): string {
  return errorText(error).split('\n')[0] ?? '';
}
