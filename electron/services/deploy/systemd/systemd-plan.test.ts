import { describe, expect, it } from 'vitest';
import type { CachedBinary } from '../../binaries';
import { renderSystemdDesired, type SystemdDesired } from './systemd-desired';
import { planExporterSteps } from './systemd-plan';
import type { ExporterHostState } from './systemd-state';

const binary: CachedBinary = {
  path: '/cache/node_exporter/1.5.0/amd64/binary',
  sha256: 'a'.repeat(64),
  exporter: 'node_exporter',
  version: '1.5.0',
  arch: 'amd64',
};

async function desired(params: Record<string, unknown> = {}): Promise<SystemdDesired> {
  return renderSystemdDesired(
    { exporter: 'node_exporter', params: { textfileDirectory: '/var/lib/ne/textfile', ...params } },
    { version: '1.5.0' },
    () => Promise.reject(new Error('no secrets')),
  );
}

const fresh: ExporterHostState = {
  userExists: false,
  unitEnabled: false,
  unitActive: false,
  files: new Map([['/var/lib/ne/textfile', undefined]]),
  missingParents: ['/var/lib/ne'],
};

function installed(entry: SystemdDesired): ExporterHostState {
  return {
    binarySha256: binary.sha256,
    userExists: true,
    unitFile: { type: 'file', mode: 0o644, user: 'root', group: 'root', content: entry.unit, sha256: 'x' },
    unitEnabled: true,
    unitActive: true,
    files: new Map([
      [
        '/var/lib/ne/textfile',
        { type: 'directory', mode: 0o755, user: 'node_exporter', group: 'node_exporter' },
      ],
    ]),
    missingParents: [],
  };
}

describe('systemd plan', () => {
  it('on a fresh host: binary, user, folders, unit, enable --now', async () => {
    const entry = await desired();
    const { steps, actions } = planExporterSteps(entry, fresh, binary);
    expect(actions.map((action) => `${action.kind} ${action.target}`)).toEqual([
      'install-binary /usr/local/bin/node_exporter',
      'create-user node_exporter',
      'create-directory /var/lib/ne',
      'create-directory /var/lib/ne/textfile',
      'write-file /etc/systemd/system/node_exporter.service',
      'install-unit node_exporter.service',
    ]);
    expect(steps.at(-1)).toMatchObject({ kind: 'install-unit', wasEnabled: false, restart: false });
    expect(actions[4]?.diff).toContain('+User=node_exporter');
  });

  it('on a host already as asked: no actions', async () => {
    const entry = await desired();
    expect(planExporterSteps(entry, installed(entry), binary)).toEqual({ steps: [], actions: [] });
  });

  it('a changed port rewrites the unit and restarts the running service', async () => {
    const before = await desired();
    const after = await desired({ port: 9200 });
    const { actions, steps } = planExporterSteps(after, installed(before), binary);
    expect(actions.map((action) => action.kind)).toEqual(['write-file', 'install-unit']);
    expect(actions[0]?.diff).toContain('+    --web.listen-address=:9200');
    expect(steps.at(-1)).toMatchObject({ kind: 'install-unit', restart: true, wasEnabled: true });
  });

  it('a different binary on the host is replaced, keeping the old one for a rollback', async () => {
    const entry = await desired();
    const { steps } = planExporterSteps(entry, { ...installed(entry), binarySha256: 'b'.repeat(64) }, binary);
    expect(steps[0]).toMatchObject({ kind: 'install-binary', previous: true });
  });

  it('refuses hostile params before anything reaches the host', async () => {
    await expect(desired({ binaryPath: '/usr/bin/x; rm -rf /' })).rejects.toThrow(/params.binaryPath/);
    await expect(desired({ user: '-o' })).rejects.toThrow(/params.user/);
    await expect(desired({ user: 'root' })).rejects.toThrow(/system user/);
  });
});
