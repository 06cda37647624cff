// Human names for job operations; every job in the contract must have one.
import type { JobName } from '@shared/contract';

const labels = {
  'diagnostics.selfTest': 'Self-test',
  'discovery.scan': 'Network scan',
  'hosts.preflight': 'Host preflight',
  'deploy.apply': 'Deploy',
  'deploy.uninstall': 'Uninstall',
  'metrics.watch': 'Metric watch',
} as const satisfies Record<JobName, string>;

export function operationLabel(operation: string): string {
  if (operation === '') return 'Job';
  return (labels as Record<string, string>)[operation] ?? operation;
}
