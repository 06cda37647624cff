import { describe, expect, it } from 'vitest';
import { exporterContainer, type ExporterContainerSpec } from './container-spec';

const params = { containerName: 'probe', memoryLimitMiB: 64, port: 9115, listenAddress: '127.0.0.1' };
const spec: ExporterContainerSpec = {
  id: 'blackbox_exporter',
  version: '0.24.0',
  image: 'prom/blackbox-exporter:v0.24.0',
  command: ['--config.file=/etc/x/blackbox.yml'],
  binds: ['/etc/x:/etc/x:ro'],
};

describe('exporterContainer', () => {
  it('publishes the port on the listen address in both forms', () => {
    const { docker, compose } = exporterContainer(params, spec);
    expect(docker.ExposedPorts).toEqual({ '9115/tcp': {} });
    expect(docker.HostConfig?.NetworkMode).toBe('bridge');
    expect(docker.HostConfig?.PortBindings).toEqual({
      '9115/tcp': [{ HostIp: '127.0.0.1', HostPort: '9115' }],
    });
    expect(compose.name).toBe('blackbox_exporter');
    expect(compose.service.ports).toEqual(['127.0.0.1:9115:9115']);
    expect(compose.service.network_mode).toBeUndefined();
  });

  it('publishes nothing on the host network', () => {
    const { docker, compose } = exporterContainer(params, { ...spec, network: 'host', hostPid: true });
    expect(docker.ExposedPorts).toBeUndefined();
    expect(docker.HostConfig).toMatchObject({ NetworkMode: 'host', PidMode: 'host' });
    expect(docker.HostConfig?.PortBindings).toBeUndefined();
    expect(compose.service).toMatchObject({ network_mode: 'host', pid: 'host' });
    expect(compose.service.ports).toBeUndefined();
  });

  it('escapes $ for compose only', () => {
    const dollar = { ...spec, command: ['--regex=($|/)'], environment: { A: 'x$y' }, binds: ['/a$b:/c:ro'] };
    const { docker, compose } = exporterContainer(params, dollar);
    expect(docker.Cmd).toEqual(['--regex=($|/)']);
    expect(docker.Env).toEqual(['A=x$y']);
    expect(compose.service.command).toEqual(['--regex=($$|/)']);
    expect(compose.service.environment).toEqual({ A: 'x$$y' });
    expect(compose.service.volumes).toEqual(['/a$$b:/c:ro']);
  });

  it('tells Docker privileged false but leaves compose at its default, and drops empty lists', () => {
    const { docker, compose } = exporterContainer(params, {
      ...spec,
      privileged: false,
      capabilities: [],
      devices: [],
    });
    expect(docker.HostConfig?.Privileged).toBe(false);
    expect(docker.HostConfig).not.toHaveProperty('CapAdd');
    expect(docker.HostConfig).not.toHaveProperty('Devices');
    expect(compose.service).not.toHaveProperty('privileged');
    expect(compose.service).not.toHaveProperty('cap_add');
    expect(compose.service).not.toHaveProperty('devices');
  });
});
