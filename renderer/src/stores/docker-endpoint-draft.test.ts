import { HostAddDockerInputSchema } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import {
  buildAddDockerInput,
  dockerDraftProblems,
  emptyDockerEndpointDraft,
  type DockerEndpointDraft,
} from './docker-endpoint-draft';

function tls(change: Partial<DockerEndpointDraft> = {}): DockerEndpointDraft {
  return {
    ...emptyDockerEndpointDraft(),
    connection: 'tls',
    address: '10.0.0.5',
    caPath: '/certs/ca.pem',
    certPath: '/certs/cert.pem',
    keyPath: '/certs/key.pem',
    ...change,
  };
}

describe('docker endpoint draft', () => {
  it('starts as this machine’s socket with the usual path and loopback, which need nothing more', () => {
    const draft = emptyDockerEndpointDraft();
    expect(draft).toMatchObject({
      connection: 'socket',
      socketPath: '/var/run/docker.sock',
      localAddress: '127.0.0.1',
      port: '2376',
    });
    expect(dockerDraftProblems(draft)).toEqual({});
    expect(buildAddDockerInput(draft)).toEqual({
      address: '127.0.0.1',
      endpoint: { kind: 'socket', socketPath: '/var/run/docker.sock' },
    });
  });

  it('checks only the chosen kind’s fields, so a half-typed other kind does not block', () => {
    const socket = { ...tls({ address: '', caPath: 'relative' }), connection: 'socket' as const };
    expect(dockerDraftProblems(socket)).toEqual({});
    expect(Object.keys(dockerDraftProblems(tls({ socketPath: '', localAddress: '' })))).toEqual([]);
    expect(
      Object.keys(dockerDraftProblems(tls({ address: '', port: '0', caPath: '', keyPath: ' ' }))),
    ).toEqual(['address', 'port', 'caPath', 'keyPath']);
  });

  it('refuses paths that are not absolute paths on this machine', () => {
    const hostile = [
      'ca.pem',
      './ca.pem',
      '../../etc/shadow',
      '~/.docker/ca.pem',
      '/',
      'C:\\certs\\ca.pem',
      'file:///certs/ca.pem',
      '/certs/ca.pem\n/etc/passwd',
      '/certs/\u0000ca.pem',
      `/${'a'.repeat(1000)}`,
    ];
    for (const caPath of hostile) {
      const problem = dockerDraftProblems(tls({ caPath })).caPath;
      expect(problem, JSON.stringify(caPath)).toMatch(/absolute|line breaks|at most/);
    }
    expect(dockerDraftProblems(tls({ caPath: '~/ca.pem' })).caPath).toContain('~ is not expanded');
    expect(dockerDraftProblems({ ...emptyDockerEndpointDraft(), socketPath: 'docker.sock' })).toEqual({
      socketPath: expect.stringContaining('absolute'),
    });
  });

  it('refuses addresses the contract would, and says to drop a scheme', () => {
    expect(dockerDraftProblems(tls({ address: 'tcp://10.0.0.5:2376' })).address).toContain('without');
    expect(
      dockerDraftProblems({ ...emptyDockerEndpointDraft(), localAddress: 'unix:///x' }).localAddress,
    ).toContain('without');
    for (const address of ['10.0.0.5; rm -rf /', '$(id)', 'nas local', 'x'.repeat(254), 'nas\nlan'])
      expect(dockerDraftProblems(tls({ address })).address, JSON.stringify(address)).toBeDefined();
    for (const address of ['nas.lan', 'fe80::1', '10.0.0.5', 'DiskStation'])
      expect(dockerDraftProblems(tls({ address })).address).toBeUndefined();
  });

  it('accepts only whole ports from 1 to 65535, and names of at most 100 characters', () => {
    for (const port of ['', '0', '65536', '2376.5', '-1', '0x948', '2376 2377'])
      expect(dockerDraftProblems(tls({ port })).port, port).toBeDefined();
    expect(dockerDraftProblems(tls({ port: ' 2376 ' }))).toEqual({});
    expect(dockerDraftProblems(tls({ name: 'n'.repeat(101) })).name).toBeDefined();
  });

  it('builds the input the contract accepts, trimmed, without an empty name', () => {
    const input = buildAddDockerInput(
      tls({ name: '  NAS Docker ', address: ' 10.0.0.5 ', port: '2377', keyPath: ' /certs/key.pem ' }),
    );
    expect(input).toEqual({
      name: 'NAS Docker',
      address: '10.0.0.5',
      endpoint: {
        kind: 'tls',
        port: 2377,
        caPath: '/certs/ca.pem',
        certPath: '/certs/cert.pem',
        keyPath: '/certs/key.pem',
      },
    });
    expect(HostAddDockerInputSchema.safeParse(input).success).toBe(true);
    expect(buildAddDockerInput(tls({ name: '   ' }))).not.toHaveProperty('name');
  });
});
