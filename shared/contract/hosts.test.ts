import { describe, expect, it } from 'vitest';
import { HostAddDockerInputSchema, HostSchema, connectionLabel } from './hosts';

const sshRecord = {
  id: 'nas',
  name: 'nas',
  address: '10.0.0.5',
  port: 22,
  username: 'admin',
  auth: { kind: 'agent' },
  hostKey: { fingerprint: `SHA256:${'A'.repeat(43)}`, keyType: 'ssh-ed25519', pinnedAt: 1 },
  privilege: { kind: 'none' },
  createdAt: 1,
};

describe('hosts', () => {
  it('reads a record saved before Docker endpoints existed as an SSH host', () => {
    const host = HostSchema.parse(sshRecord);
    expect(host.kind).toBe('ssh');
    expect(connectionLabel(host)).toBe('admin@10.0.0.5:22');
  });

  it('labels Docker endpoints by how they are reached', () => {
    const socket = HostSchema.parse({
      kind: 'docker',
      id: 'me',
      name: 'me',
      address: '127.0.0.1',
      endpoint: { kind: 'socket', socketPath: '/var/run/docker.sock' },
      createdAt: 1,
    });
    expect(connectionLabel(socket)).toBe('docker unix:///var/run/docker.sock');
    const tls = HostSchema.parse({
      kind: 'docker',
      id: 'nas',
      name: 'nas',
      address: 'nas.lan',
      endpoint: {
        kind: 'tls',
        port: 2376,
        caPath: '/c/ca.pem',
        certPath: '/c/cert.pem',
        keyPath: '/c/key.pem',
      },
      createdAt: 1,
    });
    expect(connectionLabel(tls)).toBe('docker tcp://nas.lan:2376 (TLS)');
  });

  it('refuses relative certificate paths and a TLS endpoint without its key', () => {
    const endpoint = {
      kind: 'tls',
      port: 2376,
      caPath: 'ca.pem',
      certPath: '/c/cert.pem',
      keyPath: '/c/key.pem',
    };
    expect(HostAddDockerInputSchema.safeParse({ address: 'nas.lan', endpoint }).success).toBe(false);
    const { keyPath: _missing, ...withoutKey } = { ...endpoint, caPath: '/c/ca.pem' };
    expect(HostAddDockerInputSchema.safeParse({ address: 'nas.lan', endpoint: withoutKey }).success).toBe(
      false,
    );
    expect(
      HostAddDockerInputSchema.safeParse({
        address: 'x; rm -rf /',
        endpoint: { kind: 'socket', socketPath: '/s' },
      }).success,
    ).toBe(false);
  });
});
