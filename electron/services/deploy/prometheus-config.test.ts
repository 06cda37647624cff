// The prometheus.yml a Prometheus deploy renders: after drop rules are saved for a
// deployment, the only change is that deployment's job gaining metric_relabel_configs.
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord, SavedDrops, SshHostRecord } from '@shared/contract';
import { prometheusParams, type PlannedExporter } from './prometheus-config';

const created = { containers: [], images: [], files: [], directories: [], units: [], users: [] };
const record = (
  hostId: string,
  exporter: DeploymentRecord['exporter'],
  scrapeAddress: string,
): DeploymentRecord => ({
  hostId,
  exporter,
  method: 'docker',
  params: {},
  version: '1',
  created,
  scrapeAddress,
  deployedAt: 1,
});
const nas: SshHostRecord = {
  kind: 'ssh',
  id: 'nas',
  name: 'nas',
  address: '10.0.0.20',
  port: 22,
  username: 'admin',
  auth: { kind: 'agent' },
  hostKey: { fingerprint: `SHA256:${'A'.repeat(43)}`, keyType: 'ssh-ed25519', pinnedAt: 1 },
  privilege: { kind: 'none' },
  createdAt: 1,
};
const records = [
  record('nas', 'node_exporter', '10.0.0.20:9100'),
  record('nas', 'redis_exporter', '10.0.0.20:9121'),
];
const drops: SavedDrops[] = [
  {
    hostId: 'nas',
    exporter: 'node_exporter',
    rules: [{ metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } }],
  },
];

function config(
  saved: SavedDrops[],
  request: PlannedExporter[] = [{ exporter: 'prometheus', params: {} }],
): string {
  const params = prometheusParams({}, nas, request, records, [nas], saved);
  return String(params.configContent);
}

describe('prometheusParams with saved drops', () => {
  it('differs from the config without them only in the job’s metric_relabel_configs', () => {
    const before = config([]).split('\n');
    const after = config(drops).split('\n');
    const added = after.filter((line) => !before.includes(line));
    expect(added).toEqual([
      '    metric_relabel_configs:',
      '      - source_labels: [__name__, mode]',
      '        separator: "\\x1f"',
      '        regex: node_cpu_seconds_total\\x1Fidle',
      '        action: drop',
    ]);
    expect(after.filter((line) => !added.includes(line))).toEqual(before);
    // Right under the node job, not another.
    const at = after.indexOf('    metric_relabel_configs:');
    expect(
      after
        .slice(0, at)
        .reverse()
        .find((line) => line.includes('job_name')),
    ).toBe('  - job_name: node');
  });

  it('keeps the drops of an exporter the request redeploys', () => {
    expect(
      config(drops, [
        { exporter: 'prometheus', params: {} },
        { exporter: 'node_exporter', params: {} },
      ]),
    ).toContain('regex: node_cpu_seconds_total\\x1Fidle');
  });
});
