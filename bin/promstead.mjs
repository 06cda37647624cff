#!/usr/bin/env node
// The `promstead` command. In a source checkout it runs the TypeScript sources
// through tsx (so it is never stale); in an installed package, the built bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'electron', 'cli', 'run.ts');
const built = join(root, 'out', 'main', 'cli.js');

let entry;
if (existsSync(source) && existsSync(join(root, 'node_modules', 'tsx'))) {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig, wherever the command runs from: it maps the @shared alias.
  register({ tsconfig: join(root, 'tsconfig.json') });
  entry = source;
} else if (existsSync(built)) {
  entry = built;
} else {
  process.stderr.write(
    'promstead: neither the sources with tsx nor the built CLI (out/main/cli.js) were found; run `npm run build`.\n',
  );
  process.exit(1);
}
await import(pathToFileURL(entry).href);
