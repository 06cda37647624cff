// A worker thread does not inherit the tsx loader of the thread that started it: register
// it here (with the project's tsconfig, for the @shared alias), then run the TypeScript worker.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const here = dirname(fileURLToPath(import.meta.url));
register({ tsconfig: join(here, '..', '..', 'tsconfig.json') });
await import(pathToFileURL(join(here, 'fuzz-worker.ts')).href);
