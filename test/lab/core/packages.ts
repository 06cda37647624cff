// Installs the lab's Debian packages (its part of test/debian-packages.txt), when root
// and when any is missing; `npm test` has usually installed them all already.
import { run } from './command';

export async function missingPackages(names: readonly string[]): Promise<string[]> {
  const result = await run('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Status}\n', ...names], {
    allowFailure: true,
  });
  const installed = new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.endsWith(' installed'))
      .map((line) => line.split(' ')[0]),
  );
  return names.filter((name) => !installed.has(name));
}

export async function ensurePackages(
  names: readonly string[],
  log: (message: string) => void,
): Promise<void> {
  const missing = await missingPackages(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `Missing Debian packages (need root to install; see test/debian-packages.txt): ${missing.join(' ')}`,
    );
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const installArgs = ['install', '-y', ...lock, '--no-install-recommends', ...missing];
  const first = await run('apt-get', installArgs, { env, timeoutMs: 900_000, allowFailure: true });
  if (first.code !== 0) {
    await run('apt-get', ['update', ...lock], { env, timeoutMs: 600_000 });
    await run('apt-get', installArgs, { env, timeoutMs: 900_000 });
  }
}
