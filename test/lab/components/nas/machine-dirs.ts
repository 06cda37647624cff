// dockerd and its containerd create a few folders on the machine whatever their
// roots are set to (/run/docker/plugins, /opt/containerd, /run/containerd/s). Up
// records which of them were absent; down removes those again when they are empty.
import { existsSync } from 'node:fs';
import { readFile, rmdir, writeFile } from 'node:fs/promises';

export const dockerMachineDirs = [
  '/run/docker',
  '/run/docker/plugins',
  '/run/containerd',
  '/run/containerd/s',
  '/opt/containerd',
  '/opt/containerd/bin',
  '/opt/containerd/lib',
] as const;

export async function recordAbsentDirs(dirs: readonly string[], recordFile: string): Promise<void> {
  await writeFile(recordFile, `${JSON.stringify(dirs.filter((dir) => !existsSync(dir)))}\n`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Removes the recorded folders that are empty now; returns the ones removed. */
export async function removeRecordedDirs(recordFile: string, allowed: readonly string[]): Promise<string[]> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const parsed: unknown = JSON.parse(text);
  // Only ever folders from the fixed list, whatever the record says.
  const recorded = isStringArray(parsed) ? parsed.filter((dir) => allowed.includes(dir)) : [];
  const removed: string[] = [];
  for (const dir of [...recorded].sort((a, b) => b.length - a.length)) {
    // rmdir refuses a folder that is not empty: someone else uses it now.
    if (
      await rmdir(dir).then(
        () => true,
        () => false,
      )
    )
      removed.push(dir);
  }
  return removed;
}
