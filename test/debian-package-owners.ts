// Which Debian package provides a program, asked of this machine's dpkg database, and
// whether the one list (test/debian-packages.txt) accounts for it.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import type { ProgramUse } from './program-uses';

/**
 * The paths a program may be found at: a bare name in PATH's system folders, an
 * absolute one as written and through the merged /usr (Debian 12: /bin is /usr/bin),
 * and where a path is a link (update-alternatives), the file it leads to.
 */
export function candidatePaths(program: string): string[] {
  const paths = program.startsWith('/')
    ? [program, program.startsWith('/usr/') ? program.slice('/usr'.length) : `/usr${program}`]
    : ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((directory) => `${directory}/${program}`);
  const targets = paths.filter((path) => existsSync(path)).map((path) => realpathSync(path));
  return [...new Set([...paths, ...targets])];
}

/** path → owning packages, for the paths dpkg knows (one dpkg-query for all of them). */
export function packageOwners(paths: readonly string[]): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  if (paths.length === 0) return owners;
  let output: string;
  try {
    output = execFileSync('dpkg-query', ['-S', ...paths], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Exit 1 when some path is unknown: what it printed for the others still counts.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  for (const line of output.split('\n')) {
    if (line.startsWith('diversion by ')) continue;
    const split = line.lastIndexOf(': /');
    if (split === -1) continue;
    const path = line.slice(split + 2);
    const packages = line
      .slice(0, split)
      .split(',')
      .map((name) => name.trim().replace(/:[a-z0-9]+$/, ''));
    owners.set(path, [...(owners.get(path) ?? []), ...packages]);
  }
  return owners;
}

export interface InstalledPackage {
  /** Essential, or priority required: on every Debian system, even debootstrap's minbase. */
  everywhere: boolean;
  /** Direct dependencies (any alternative), so a metapackage on the list covers what it pulls in. */
  depends: string[];
}

export function installedPackages(): Map<string, InstalledPackage> {
  const output = execFileSync(
    'dpkg-query',
    ['-W', '-f', '${Package}\t${db:Status-Status}\t${Essential}\t${Priority}\t${Pre-Depends}, ${Depends}\n'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const packages = new Map<string, InstalledPackage>();
  for (const line of output.split('\n')) {
    const [name, status, essential, priority, depends = ''] = line.split('\t');
    if (!name || status !== 'installed') continue;
    packages.set(name, {
      everywhere: essential === 'yes' || priority === 'required',
      depends: depends
        .split(/[,|]/)
        .map((item) => item.trim().split(/[\s:(]/)[0] ?? '')
        .filter((item) => item !== ''),
    });
  }
  return packages;
}

export interface UnaccountedProgram {
  use: ProgramUse;
  /** The packages that ship it here; empty when nothing installed here does. */
  owners: string[];
}

/**
 * The uses whose program no package on the list provides (directly, or as a direct
 * dependency of one), and that no package every Debian system has provides either.
 */
export function unaccountedPrograms(
  uses: readonly ProgramUse[],
  listed: readonly string[],
  installed: ReadonlyMap<string, InstalledPackage>,
  owners: ReadonlyMap<string, readonly string[]>,
): UnaccountedProgram[] {
  const covered = new Set(listed);
  for (const name of listed)
    for (const dependency of installed.get(name)?.depends ?? []) covered.add(dependency);
  const problems: UnaccountedProgram[] = [];
  for (const use of uses) {
    const found = [...new Set(candidatePaths(use.program).flatMap((path) => owners.get(path) ?? []))];
    const accounted = found.some((name) => covered.has(name) || installed.get(name)?.everywhere === true);
    if (!accounted) problems.push({ use, owners: found });
  }
  return problems;
}
