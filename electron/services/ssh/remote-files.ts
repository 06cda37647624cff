// File operations over SFTP: bounded reads, atomic writes (temp file in the same
// folder, fchmod, fsync, rename over the target), stat, mkdir -p and remove.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { errorText, PromsteadError } from '@shared/contract';
import { sshError } from './ssh-errors';
import type { RemoteStat } from './ssh-types';

export const defaultMaxReadBytes = 16 * 1024 * 1024;
const chunkSize = 32 * 1024;
// SFTP status codes (draft-ietf-secsh-filexfer-02).
const noSuchFile = 2;
const permissionDenied = 3;

function checkPath(path: string): void {
  if (path === '' || path.includes('\0'))
    throw new PromsteadError('VALIDATION', `Not a usable remote path: ${JSON.stringify(path)}.`);
}

function sftpFailure(operation: string, path: string, error: unknown): PromsteadError {
  const code = (error as { code?: unknown }).code;
  const message = errorText(error);
  if (code === noSuchFile)
    return new PromsteadError('NOT_FOUND', `${operation} ${path}: no such file or folder.`);
  if (code === permissionDenied)
    return new PromsteadError('FORBIDDEN', `${operation} ${path}: permission denied for this user.`);
  return new PromsteadError('TRANSPORT', `${operation} ${path} failed: ${message}.`);
}

/** Wraps one SFTP callback call as a promise with a readable error. */
function call<T>(
  operation: string,
  path: string,
  start: (done: (error: unknown, value?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => (error ? reject(sftpFailure(operation, path, error)) : resolve(value as T)));
  });
}

function toRemoteStat(stats: Stats): RemoteStat {
  const type = stats.isFile()
    ? 'file'
    : stats.isDirectory()
      ? 'directory'
      : stats.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return {
    type,
    size: stats.size,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    mtime: stats.mtime,
  };
}

/** The file's attributes (links not followed), or undefined when nothing is there. */
export async function statRemote(sftp: SFTPWrapper, path: string): Promise<RemoteStat | undefined> {
  checkPath(path);
  try {
    return toRemoteStat(await call<Stats>('stat', path, (done) => sftp.lstat(path, done)));
  } catch (error) {
    if (error instanceof PromsteadError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

export async function readRemoteFile(
  sftp: SFTPWrapper,
  path: string,
  maxBytes = defaultMaxReadBytes,
): Promise<Buffer> {
  checkPath(path);
  const handle = await call<Buffer>('read', path, (done) => sftp.open(path, 'r', done));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    // Read one byte past the bound so a file that grew past it is refused, not cut.
    for (;;) {
      const buffer = Buffer.alloc(Math.min(chunkSize, maxBytes + 1 - total));
      const read = await call<number>('read', path, (done) =>
        sftp.read(handle, buffer, 0, buffer.length, total, (error, bytesRead) => done(error, bytesRead)),
      );
      // ssh2 turns the server's EOF status into a read of 0 bytes.
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
      if (total > maxBytes)
        throw sshError(
          'OUTPUT_TOO_LARGE',
          `${path} is larger than ${maxBytes} bytes; Promstead will not read it whole.`,
          {
            limit: maxBytes,
          },
        );
    }
  } finally {
    await call<void>('close', path, (done) => sftp.close(handle, done)).catch(() => undefined);
  }
  return Buffer.concat(chunks);
}

function hasExtension(sftp: SFTPWrapper, name: string): boolean {
  // ssh2 keeps the server's extensions here; its types do not declare it.
  const extensions = (sftp as unknown as { _extensions?: Record<string, string> })._extensions;
  return extensions?.[name] === '1';
}

/**
 * Writes the whole file under a temporary name beside the target, sets its mode with
 * fchmod (the umask does not apply), syncs it, then renames it over the target, so a
 * reader sees the old content or the new one, never half.
 */
export async function writeRemoteFileAtomic(
  sftp: SFTPWrapper,
  path: string,
  data: string | Buffer,
  mode = 0o644,
): Promise<void> {
  checkPath(path);
  const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temporary = posix.join(
    posix.dirname(path),
    `.${posix.basename(path)}.promstead-${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await call<Buffer>('write', temporary, (done) =>
    sftp.open(temporary, 'wx', { mode: 0o600 }, done),
  );
  let closed = false;
  try {
    for (let offset = 0; offset < content.length; offset += chunkSize) {
      const length = Math.min(chunkSize, content.length - offset);
      await call<void>('write', temporary, (done) =>
        sftp.write(handle, content, offset, length, offset, done),
      );
    }
    await call<void>('chmod', temporary, (done) => sftp.fchmod(handle, mode, done));
    if (hasExtension(sftp, 'fsync@openssh.com'))
      await call<void>('fsync', temporary, (done) => sftp.ext_openssh_fsync(handle, (error) => done(error)));
    closed = true;
    await call<void>('close', temporary, (done) => sftp.close(handle, done));
    if (hasExtension(sftp, 'posix-rename@openssh.com')) {
      await call<void>('rename', path, (done) => sftp.ext_openssh_rename(temporary, path, done));
    } else {
      // Plain SFTP rename refuses an existing target: the old file goes first.
      await removeRemote(sftp, path);
      await call<void>('rename', path, (done) => sftp.rename(temporary, path, done));
    }
  } catch (error) {
    if (!closed)
      await call<void>('close', temporary, (done) => sftp.close(handle, done)).catch(() => undefined);
    await call<void>('remove', temporary, (done) => sftp.unlink(temporary, done)).catch(() => undefined);
    throw error;
  }
}

/** Creates the folder and its missing parents (mode for the ones it creates). */
export async function mkdirRemote(sftp: SFTPWrapper, path: string, mode = 0o755): Promise<void> {
  checkPath(path);
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  let current = absolute ? '/' : '';
  for (const part of parts) {
    current = current === '' ? part : posix.join(current, part);
    const existing = await statRemote(sftp, current);
    if (existing?.type === 'directory') continue;
    if (existing?.type === 'symlink') {
      const target = await call<Stats>('stat', current, (done) => sftp.stat(current, done)).catch(
        () => undefined,
      );
      if (target?.isDirectory()) continue;
    }
    if (existing) throw new PromsteadError('CONFLICT', `${current} exists and is not a folder.`);
    const folder = current;
    await call<void>('mkdir', folder, (done) => sftp.mkdir(folder, { mode }, done)).catch(
      async (error: unknown) => {
        // Another writer may have created it in between.
        if ((await statRemote(sftp, folder))?.type !== 'directory') throw error;
      },
    );
  }
}

/** Removes a file, link or empty folder; nothing there is not an error. */
export async function removeRemote(sftp: SFTPWrapper, path: string): Promise<void> {
  checkPath(path);
  const existing = await statRemote(sftp, path);
  if (!existing) return;
  if (existing.type === 'directory') await call<void>('remove', path, (done) => sftp.rmdir(path, done));
  else await call<void>('remove', path, (done) => sftp.unlink(path, done));
}
