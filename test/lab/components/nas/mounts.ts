// Unmounts whatever is mounted at or below a folder (deepest first), so the folder
// can be deleted without reaching into a mount that belongs to something else.
import { readFile } from 'node:fs/promises';
import { run } from '../../core/command';

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export async function mountsUnder(dir: string): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined)
    .map(unescapeMountPath)
    .filter((mountPoint) => mountPoint === dir || mountPoint.startsWith(`${dir}/`));
}

/** Throws when something stays mounted even after a lazy unmount. */
export async function unmountUnder(dir: string): Promise<string[]> {
  const unmounted: string[] = [];
  // A path can carry stacked mounts; each round takes the top one off every path.
  for (let round = 0; round < 8; round++) {
    const mounts = await mountsUnder(dir);
    if (mounts.length === 0) return unmounted;
    const deepestFirst = [...new Set(mounts)].sort((a, b) => b.split('/').length - a.split('/').length);
    for (const mountPoint of deepestFirst) {
      const plain = await run('umount', ['--no-mtab', mountPoint], { allowFailure: true, timeoutMs: 15_000 });
      // Busy: detach it now (nothing can reach into it any more), freed when unused.
      if (plain.code !== 0) await run('umount', ['--no-mtab', '--lazy', mountPoint], { allowFailure: true });
      unmounted.push(mountPoint);
    }
  }
  const left = await mountsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted under ${dir}: ${left.join(', ')}`);
  return unmounted;
}
