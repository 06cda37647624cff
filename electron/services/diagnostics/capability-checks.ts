// The environment checks behind app.info and the self-test, in the order they run.
import type { Capabilities, Capability, CapabilityName } from '@shared/contract';
import { checkDocker } from './docker-check';
import { checkIcmp } from './icmp-check';
import { checkSshAgent } from './ssh-agent-check';
import { checkFping, checkPing } from './tools-check';

export interface CapabilityCheck {
  name: CapabilityName;
  label: string;
  run(signal?: AbortSignal): Promise<Capability>;
}

export const capabilityChecks = [
  { name: 'icmp', label: 'ICMP permitted', run: () => checkIcmp() },
  { name: 'fping', label: 'fping installed', run: (signal) => checkFping(signal) },
  { name: 'ping', label: 'ping works', run: (signal) => checkPing(signal) },
  { name: 'docker', label: 'Local Docker reachable', run: (signal) => checkDocker(process.env, { signal }) },
  { name: 'sshAgent', label: 'SSH agent present', run: (signal) => checkSshAgent(process.env, { signal }) },
] as const satisfies readonly CapabilityCheck[];

/** Runs one check; a check that throws becomes a `warn` naming the error, not a crash. */
export async function runCheck(check: CapabilityCheck, signal?: AbortSignal): Promise<Capability> {
  try {
    return await check.run(signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason as Error;
    return {
      status: 'warn',
      detail: `${check.label}: the check itself failed (${(error as Error).message}).`,
    };
  }
}

export async function detectCapabilities(signal?: AbortSignal): Promise<Capabilities> {
  const results = await Promise.all(
    capabilityChecks.map(async (check) => [check.name, await runCheck(check, signal)] as const),
  );
  return Object.fromEntries(results) as Capabilities;
}
