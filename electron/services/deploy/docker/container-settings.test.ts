import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { ContainerSpec } from '../../exporters';
import {
  actualSettingsText,
  canonicalJson,
  settingsText,
  specHash,
  specHashLabel,
  withSpecHash,
  type HashedFile,
} from './container-settings';

const spec: ContainerSpec = {
  name: 'redis_exporter',
  Image: 'prom/redis:v1',
  Cmd: ['--a', '--b'],
  Env: ['REDIS_ADDR=redis://db:6379'],
  Labels: { 'io.promstead.managed': 'true', 'io.promstead.exporter': 'redis_exporter' },
  HostConfig: {
    Memory: 64 * 1024 * 1024,
    RestartPolicy: { Name: 'unless-stopped' },
    PortBindings: { '9121/tcp': [{ HostIp: '', HostPort: '9121' }] },
  },
};
const files: HashedFile[] = [
  { path: '/etc/p/password.json', kind: 'file', mode: 0o600, uid: 59000, gid: 59000, sha256: 'a'.repeat(64) },
  { path: '/etc/p', kind: 'directory', mode: 0o755, uid: 0, gid: 0 },
];

describe('spec hash', () => {
  it('does not depend on key order, file order or an earlier hash label', () => {
    const reordered: ContainerSpec = JSON.parse(canonicalJson(spec)) as ContainerSpec;
    const hash = specHash(spec, files);
    expect(specHash(reordered, [...files].reverse())).toBe(hash);
    expect(specHash(withSpecHash(spec, 'old'), files)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a setting, a file’s content, mode or owner', () => {
    const hash = specHash(spec, files);
    expect(specHash({ ...spec, HostConfig: { ...spec.HostConfig, Memory: 1 } }, files)).not.toBe(hash);
    const changed = (change: Partial<HashedFile>): HashedFile[] => [{ ...files[0]!, ...change }, files[1]!];
    expect(specHash(spec, changed({ sha256: 'b'.repeat(64) }))).not.toBe(hash);
    expect(specHash(spec, changed({ mode: 0o644 }))).not.toBe(hash);
    expect(specHash(spec, changed({ uid: 0 }))).not.toBe(hash);
  });
});

describe('settings text', () => {
  it('lists the settings one per line, without the hash label', () => {
    const text = settingsText(withSpecHash(spec, 'abc'));
    expect(text).toContain('Cmd: --a\nCmd: --b\n');
    expect(text).toContain('HostConfig.Memory: 67108864\n');
    expect(text).toContain('HostConfig.PortBindings.9121/tcp: {"HostIp":"","HostPort":"9121"}\n');
    expect(text).not.toContain(specHashLabel);
  });

  it('reads an inspected container as the same lines, leaving out Docker’s defaults and the image’s env', () => {
    const inspect = {
      Config: {
        Image: 'prom/redis:v1',
        Cmd: ['--a', '--b'],
        Env: ['PATH=/usr/bin', 'REDIS_ADDR=redis://db:6379'],
        Labels: { ...spec.Labels, [specHashLabel]: 'x', 'com.example.other': 'y' },
      },
      HostConfig: {
        Memory: 64 * 1024 * 1024,
        RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
        PortBindings: { '9121/tcp': [{ HostIp: '', HostPort: '9121' }] },
        CpuShares: 0,
      },
    } as unknown as Docker.ContainerInspectInfo;
    expect(actualSettingsText(inspect, withSpecHash(spec, 'new'))).toBe(settingsText(spec));
  });
});
