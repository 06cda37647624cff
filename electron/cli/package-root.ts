// Finds the installed package (for its version and the built renderer) from wherever
// this module runs: the sources under tsx or the bundle in out/main.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  root: string;
  version: string;
}

export function findPackage(start: string = dirname(fileURLToPath(import.meta.url))): PackageInfo {
  let dir = start;
  for (let depth = 0; depth < 8; depth++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'promstead') return { root: dir, version: parsed.version ?? '0.0.0' };
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { root: start, version: '0.0.0' };
}
