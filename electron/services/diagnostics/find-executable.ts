// Finds a program on PATH (and the sbin folders, where fping often lives but which a
// desktop user's PATH may lack) without running a shell.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const extraUnixDirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export async function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  if (platform !== 'win32') dirs.push(...extraUnixDirs);
  const names = platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of new Set(dirs)) {
    for (const candidate of names) {
      const path = join(dir, candidate);
      try {
        await access(path, constants.X_OK);
        return path;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}
