// Test helper: suites that need promtool run when it is installed and, under CI, also
// when it is not, so a CI image without promtool fails loudly instead of skipping.
import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { defaultPromtoolPath } from './promtool';

/** Whether promtool suites run: always under CI, elsewhere only when promtool exists. */
export function shouldRunPromtoolSuites(installed: boolean, environment: NodeJS.ProcessEnv): boolean {
  return installed || environment.CI === 'true';
}

export const describeWithPromtool: typeof describe = shouldRunPromtoolSuites(
  existsSync(defaultPromtoolPath),
  process.env,
)
  ? describe
  : (describe.skip as typeof describe);
