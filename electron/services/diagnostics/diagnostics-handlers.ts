// The diagnostics.* operations: the environment checks, one by one, as a job.
import type { NamespaceHandlers } from '../boundary';
import { runSelfTest } from './self-test';

export function diagnosticsHandlers(): NamespaceHandlers<'diagnostics'> {
  return {
    'diagnostics.selfTest': (input, job) => runSelfTest(input, job),
  };
}
