// `promstead self-test`: the environment checks one by one with live progress.
import type { Engine } from '../../services/engine';
import { runJobOperation } from '../engine-client';
import { formatTable, printJson, printLine, statusMark, type Output } from '../output';

export async function selfTestCommand(
  engine: Engine,
  out: Output,
  options: { repeat: number; intervalMs: number },
): Promise<number> {
  const result = await runJobOperation(engine, 'diagnostics.selfTest', options, out);
  if (out.json) {
    printJson(out, result);
    return 0;
  }
  printLine(
    out,
    formatTable(
      ['check', 'status', 'detail'],
      result.checks.map((check) => [check.label, statusMark(check.status), check.detail]),
    ),
  );
  const okCount = result.checks.filter((check) => check.status === 'ok').length;
  printLine(
    out,
    `\n${okCount} of ${result.checks.length} checks ok${result.ok ? '.' : '; Promstead works with what is missing, degraded as described.'}`,
  );
  return 0;
}
