// Crash-safe file replacement: a reader (or the next run after a crash or power
// loss) sees either the old file or the new one, never a mix, and the previous
// content survives as `${file}.bak`.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface WriteFileAtomicOptions {
  /** Defaults to 0o600: everything Promstead stores is private to the user. */
  mode?: number;
}

const isWindows = process.platform === 'win32';

/** Replaces `file` with `data` atomically, keeping the previous content as `${file}.bak`. */
export async function writeFileAtomic(
  file: string,
  data: string | Buffer,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const temp = tempPathFor(file);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      // The umask may have narrowed the mode given to open; set it exactly.
      if (!isWindows) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepBackup(file);
    await renameReplacing(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Reads a UTF-8 file, or returns undefined when it does not exist. */
export async function readFileIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Deletes temp files that a killed writer left next to `file`. Only files whose
 * writer process is gone are touched, so a live writer in another process is safe.
 */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const pattern = new RegExp(
    `^\\.${escapeRegExp(path.basename(file))}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]+\\.tmp$`,
  );
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = pattern.exec(name)?.[1];
    if (pid === undefined || isProcessAlive(Number(pid))) continue;
    const stale = path.join(dir, name);
    await unlink(stale).then(
      () => removed.push(stale),
      () => undefined,
    );
  }
  return removed;
}

function tempPathFor(file: string): string {
  const name = `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  return path.join(path.dirname(file), name);
}

/**
 * Points `${file}.bak` at the current content. The main file is only ever
 * replaced by rename, never written in place, so a hard link to it is a complete
 * copy; the link is made under a temp name and renamed so the .bak is never partial.
 */
async function keepBackup(file: string): Promise<void> {
  const backup = `${file}.bak`;
  const temp = tempPathFor(backup);
  try {
    if (!(await linkOrCopy(file, temp))) return;
    await syncFile(temp);
    await renameReplacing(temp, backup);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Returns false when there is no current file to back up. */
async function linkOrCopy(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return false;
    // Some filesystems (FAT, some network shares) have no hard links.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw error;
  }
  try {
    await copyFile(from, to, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Windows refuses a rename for a moment while a virus scanner or indexer holds the target. */
async function renameReplacing(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const transient = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (!isWindows || !transient || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 20));
    }
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself durable; Windows cannot open a directory for fsync. */
async function syncDirectory(dir: string): Promise<void> {
  if (isWindows) return;
  await syncFile(dir);
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
