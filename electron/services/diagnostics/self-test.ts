// The diagnostics.selfTest job: the capability checks one at a time, a progress
// event per check, repeatable so a person can watch a fix take effect.
import type { ParsedInputOf, SelfTestResult } from '@shared/contract';
import { sleep } from '../concurrency';
import type { JobContext } from '../jobs';
import { capabilityChecks, runCheck, type CapabilityCheck } from './capability-checks';

export async function runSelfTest(
  input: ParsedInputOf<'diagnostics.selfTest'>,
  job: JobContext<'diagnostics.selfTest'>,
  checks: readonly CapabilityCheck[] = capabilityChecks,
): Promise<SelfTestResult> {
  const total = checks.length * input.repeat;
  let done = 0;
  let latest: SelfTestResult['checks'] = [];
  for (let round = 1; round <= input.repeat; round++) {
    latest = [];
    for (const check of checks) {
      job.throwIfCancelled();
      job.progress('checking', done, total, `${check.label}…`);
      const result = await runCheck(check, job.signal);
      latest.push({ name: check.name, label: check.label, ...result });
      done += 1;
      job.log('info', `${check.label}: ${result.status} — ${result.detail}`);
      job.progress('checking', done, total, `${check.label}: ${result.status}`);
      if (input.intervalMs > 0 && done < total) await sleep(input.intervalMs, job.signal);
    }
  }
  return { checks: latest, ok: latest.every((check) => check.status === 'ok') };
}
