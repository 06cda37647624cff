// Where Promstead keeps its state on each platform. The platform and home are
// parameters so the rules for every OS can be tested on any OS.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const APP_DIR_NAME = 'Promstead';
const UNIX_APP_DIR_NAME = 'promstead';

/** Returns the data directory: PROMSTEAD_HOME if set, else the platform's config location. */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const override = nonEmpty(env.PROMSTEAD_HOME);
  if (override) return paths.resolve(override);

  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA);
    // A relative APPDATA would make the location depend on the working directory.
    if (appData && paths.isAbsolute(appData)) return paths.join(appData, APP_DIR_NAME);
    return paths.join(home, 'AppData', 'Roaming', APP_DIR_NAME);
  }
  if (platform === 'darwin') return paths.join(home, 'Library', 'Application Support', APP_DIR_NAME);

  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  if (xdg && paths.isAbsolute(xdg)) return paths.join(xdg, UNIX_APP_DIR_NAME);
  return paths.join(home, '.config', UNIX_APP_DIR_NAME);
}

/**
 * Creates the directory (and parents) readable only by the owner. An existing
 * directory keeps its mode: PROMSTEAD_HOME may point somewhere the user manages.
 */
export async function ensureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
