import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DeploymentRecord, SshHostRecord } from '@shared/contract';
import { renderMonitoringFiles } from './build-monitoring-config';
import { specFromDeployments } from './deployment-spec';

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
const host = (id: string, name: string, address: string): SshHostRecord => ({
  kind: 'ssh',
  id,
  name,
  address,
  port: 22,
  username: 'admin',
  auth: { kind: 'agent' },
  hostKey: { fingerprint: `SHA256:${'A'.repeat(43)}`, keyType: 'ssh-ed25519', pinnedAt: 1 },
  privilege: { kind: 'none' },
  createdAt: 1,
});

describe('specFromDeployments', () => {
  it('scrapes every recorded exporter where it runs, named by its host', () => {
    const spec = specFromDeployments(
      [
        record('nas', 'node_exporter', '10.0.0.20:9100'),
        record('server', 'node_exporter', '10.0.0.40:9100'),
        record('nas', 'redis_exporter', '10.0.0.20:9121'),
        record('gone', 'prometheus', '10.0.0.50:9090'),
      ],
      [host('nas', 'DiskStation', '10.0.0.20'), host('server', 'homeserver', '10.0.0.40')],
    );
    const config = parse(renderMonitoringFiles(spec)[0]?.content ?? '') as {
      scrape_configs: {
        job_name: string;
        static_configs: { targets: string[]; labels: Record<string, string> }[];
      }[];
    };
    const node = config.scrape_configs.find((job) => job.job_name === 'node');
    expect(node?.static_configs).toEqual([
      { targets: ['10.0.0.20:9100'], labels: { host: 'DiskStation', tier: 'standard' } },
      { targets: ['10.0.0.40:9100'], labels: { host: 'homeserver', tier: 'standard' } },
    ]);
    // A host that was forgotten keeps its exporter scraped, by the address it was deployed at.
    const prometheus = config.scrape_configs.find((job) => job.job_name === 'prometheus');
    expect(prometheus?.static_configs[0]?.targets).toEqual(['10.0.0.50:9090']);
  });
});
