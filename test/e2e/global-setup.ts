// The e2e suite serves the built renderer: build it when it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..', '..');
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
  // The list reporter shows a skipped test without its reason; say it once here.
  if (
    !existsSync(join(root, 'node_modules', 'electron', 'path.txt')) &&
    !process.env.ELECTRON_OVERRIDE_DIST_PATH
  ) {
    console.log(
      'electron.spec.ts will skip: the Electron binary is not installed on this machine (it cannot be downloaded here).',
    );
  }
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error(
      'Debian chromium is not installed at /usr/bin/chromium: run `npm test` as root to install it, or apt-get install chromium.',
    );
  }
}
