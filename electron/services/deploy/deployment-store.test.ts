import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '@shared/contract';
import { DeploymentStore, emptyCreated } from './deployment-store';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function record(created: Partial<DeploymentRecord['created']>, deployedAt: number): DeploymentRecord {
  return {
    hostId: 'nas',
    exporter: 'redis_exporter',
    method: 'docker',
    params: { port: 9121 },
    version: '1.45.0',
    created: { ...emptyCreated(), ...created },
    scrapeAddress: 'nas:9121',
    deployedAt,
  };
}

describe('DeploymentStore', () => {
  it('keeps what earlier applies created when the same exporter is applied again, across reloads', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'deployments-'));
    directories.push(directory);
    const file = join(directory, 'deployments.json');
    const store = new DeploymentStore(file);
    await store.load();
    await store.record(record({ containers: ['redis'], images: ['img:1'], directories: ['/etc/p'] }, 1));
    await store.record(record({ containers: ['redis'], images: ['img:2'] }, 2));
    const reloaded = new DeploymentStore(file);
    await reloaded.load();
    const saved = reloaded.get('nas', 'redis_exporter');
    expect(saved?.deployedAt).toBe(2);
    expect(saved?.created).toEqual({
      ...emptyCreated(),
      containers: ['redis'],
      images: ['img:1', 'img:2'],
      directories: ['/etc/p'],
    });
    await reloaded.remove('nas', 'redis_exporter');
    expect(reloaded.list('nas')).toEqual([]);
  });
});
