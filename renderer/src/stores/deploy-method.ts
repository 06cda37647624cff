// Pure rules for the deploy's install method: what each choice means, which one the
// host's last preflight recommends (found among the jobs this window saw end), and what
// a cancelled or failed job says it undid.
import { readJobResult, type DeployInput, type DeployMethod, type PreflightReport } from '@shared/contract';
import type { JobsById, JobView } from './jobs.reducer';

export type MethodChoice = NonNullable<DeployInput['method']>;

export const methodChoices = ['auto', 'docker', 'systemd'] as const satisfies readonly MethodChoice[];

export const methodDescriptions = {
  auto: { label: 'Auto', line: 'Docker where it answers, else systemd' },
  docker: { label: 'Docker', line: 'containers labelled io.promstead.*' },
  systemd: { label: 'systemd', line: 'release binary, dedicated user, unit' },
} as const satisfies Record<MethodChoice, { label: string; line: string }>;

export const planMethodLabels = {
  docker: 'Docker (containers labelled io.promstead.*)',
  systemd: 'systemd (release binary, dedicated user, unit)',
} as const satisfies Record<DeployMethod, string>;

export interface PreflightRecommendation {
  method: MethodChoice;
  /** What the preflight itself said: docker, systemd or manual, with its reason. */
  found: PreflightReport['installMethod'];
  checkedAt: number;
}

/** What a preflight report names its host by: the address and, over SSH, the login. */
export interface PreflightTarget {
  address: string;
  username?: string;
}

/** The newest finished preflight of this host among the jobs the window knows. */
export function lastPreflightOf(
  jobs: JobsById,
  host: PreflightTarget | undefined,
): PreflightReport | undefined {
  if (!host) return undefined;
  let newest: PreflightReport | undefined;
  for (const job of Object.values(jobs)) {
    if (job.state !== 'done' || (job.operation !== '' && job.operation !== 'hosts.preflight')) continue;
    const report = readJobResult('hosts.preflight', job.result);
    if (!report || report.host !== host.address) continue;
    if (host.username !== undefined && report.username !== host.username) continue;
    if (!newest || report.checkedAt > newest.checkedAt) newest = report;
  }
  return newest;
}

/** Docker or systemd as found; "by hand" is nothing the deploy can do, so Auto decides then. */
export function recommendationOf(report: PreflightReport | undefined): PreflightRecommendation | undefined {
  if (!report) return undefined;
  const found = report.installMethod;
  return { method: found.method === 'manual' ? 'auto' : found.method, found, checkedAt: report.checkedAt };
}

/** The person's own choice wins; else the preflight's; else Auto. */
export function effectiveMethod(
  chosen: MethodChoice | undefined,
  recommended: PreflightRecommendation | undefined,
): MethodChoice {
  return chosen ?? recommended?.method ?? 'auto';
}

/** How the deploy journal's summary starts (describeRollback in the engine). */
const rollbackStart = /Rolled back: |Could NOT undo: |Nothing had been changed on the host\./;

/**
 * What an ended apply says it undid. A failure's message carries it; a cancel ends with
 * the runner's own "cancelled" message, so there the summary is the journal's log line.
 */
export function rollbackSummaryOf(
  job: Pick<JobView, 'state' | 'message' | 'error' | 'log'>,
): string | undefined {
  if (job.state === 'running' || job.state === 'done') return undefined;
  const message = (job.state === 'failed' ? job.error?.message : job.message) ?? '';
  const at = message.search(rollbackStart);
  if (at !== -1) return message.slice(at);
  for (let index = job.log.length - 1; index >= 0; index -= 1) {
    const line = job.log[index]?.message ?? '';
    if (line.search(rollbackStart) === 0) return line;
  }
  return undefined;
}
