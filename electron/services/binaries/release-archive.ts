// The two things done with an exporter's release archive (.tar.gz): list its members and
// unpack the one binary. Shared by downloads and by archives a user adds to the cache.
import { spawn } from 'node:child_process';
import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { PromsteadError } from '@shared/contract';

/** tar's output kept: a release archive lists a handful of names. */
const maxTarOutput = 1024 * 1024;

/** Member names of a .tar.gz, as tar lists them. */
export async function archiveMembers(archive: string): Promise<Set<string>> {
  try {
    const listing = await runTar(['-tzf', '-'], archive);
    return new Set(listing.split('\n').filter((line) => line.length > 0));
  } catch (error) {
    throw new PromsteadError(
      'VALIDATION',
      `${archive} could not be read as a .tar.gz (${firstLine(error)}).`,
    );
  }
}

/**
 * Unpacks one member of a .tar.gz into `work` and returns its path. The member name comes
 * from the catalog, never from the user; a member that is a link or a folder is refused,
 * so nothing but a regular file's bytes can reach the cache.
 */
export async function unpackMember(
  archive: string,
  member: string,
  work: string,
  signal?: AbortSignal,
): Promise<string> {
  try {
    await runTar(['-xzf', '-', '-C', work, '--', member], archive, signal);
  } catch (error) {
    if (signal?.aborted) throw new PromsteadError('CANCELLED', `Unpacking ${member} was cancelled.`);
    throw new PromsteadError(
      'VALIDATION',
      `${member} could not be unpacked from ${archive} (${firstLine(error)}).`,
    );
  }
  const unpacked = join(work, member);
  const info = await lstat(unpacked);
  if (!info.isFile())
    throw new PromsteadError('VALIDATION', `${member} in ${archive} is not a regular file: refusing it.`);
  return unpacked;
}

/**
 * Runs tar (argv, no shell) with the archive on its standard input: a path the user gave
 * is never parsed by tar, which would take a leading "-" for an option and "host:file"
 * for a remote archive. Returns what tar printed.
 */
async function runTar(args: readonly string[], archive: string, signal?: AbortSignal): Promise<string> {
  const input = await open(archive, 'r');
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn('tar', args, { stdio: [input.fd, 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        // A listing of a real release is a few lines; a huge one is no release archive.
        if (stdout.length < maxTarOutput) stdout += chunk;
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        if (stderr.length < maxTarOutput) stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new Error(stderr.trim() || `tar exited with status ${code ?? 'unknown'}`));
      });
    });
  } finally {
    await input.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
