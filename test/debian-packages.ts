// The one list of Debian packages the tests, the lab and the benchmarks need
// (test/debian-packages.txt), read the same way scripts/debian-packages.sh reads it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const debianPackageListPath = resolve(import.meta.dirname, 'debian-packages.txt');

export const suiteNames = ['unit', 'lab', 'e2e', 'bench'] as const;
export type SuiteName = (typeof suiteNames)[number];

export interface DebianPackageEntry {
  name: string;
  suites: readonly SuiteName[];
  /** What needs it, for the messages of a machine that lacks it. */
  why: string;
  line: number;
}

/** Debian's rule for package names (Policy 5.6.1), so a typo in the list is caught here. */
const packageNamePattern = /^[a-z0-9][a-z0-9.+-]+$/;

function isSuiteName(name: string): name is SuiteName {
  return (suiteNames as readonly string[]).includes(name);
}

/** Parses the list; a malformed line throws naming its line number. */
export function parseDebianPackageList(text: string): DebianPackageEntry[] {
  const entries: DebianPackageEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const hash = raw.indexOf('#');
    const body = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (body === '') return;
    const why = hash === -1 ? '' : raw.slice(hash + 1).trim();
    const [name = '', suiteField = '', ...extra] = body.split(/\s+/);
    const problem = !packageNamePattern.test(name)
      ? `"${name}" is not a Debian package name`
      : extra.length > 0
        ? `unexpected "${extra.join(' ')}" after the suites`
        : why === ''
          ? 'no "# why" comment'
          : undefined;
    if (problem) throw new Error(`debian-packages.txt line ${line}: ${problem}`);
    const suites = suiteField.split(',').filter((suite) => suite !== '');
    const unknown = suites.filter((suite) => !isSuiteName(suite));
    if (suites.length === 0 || unknown.length > 0)
      throw new Error(
        `debian-packages.txt line ${line}: suites must be some of ${suiteNames.join(', ')}, got "${suiteField}"`,
      );
    entries.push({ name, suites: suites.filter(isSuiteName), why, line });
  });
  return entries;
}

export function readDebianPackageList(path = debianPackageListPath): DebianPackageEntry[] {
  return parseDebianPackageList(readFileSync(path, 'utf8'));
}

/** The names of the packages one suite needs. */
export function packagesFor(suite: SuiteName, entries = readDebianPackageList()): string[] {
  return entries.filter((entry) => entry.suites.includes(suite)).map((entry) => entry.name);
}
