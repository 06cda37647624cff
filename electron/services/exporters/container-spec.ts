// One exporter container in both forms Promstead installs it: the Docker Engine create
// options and the docker-compose service, built from one description so the two agree.
import type { HostConfig } from 'dockerode';
import type { ExporterId } from '@shared/contract';
import { containerLogConfig, promsteadLabels } from './catalog-types';
import type { ComposeService, ContainerSpec } from './catalog-types';
import { composeEscape, composePort } from './compose-file';

/** Which exporter a container runs: labels and the resolved image reference. */
export interface ContainerIdentity {
  id: ExporterId;
  version: string;
  image: string;
}

/** The params every containerised exporter has. */
export interface ContainerParams {
  containerName: string;
  memoryLimitMiB: number;
  port: number;
  /** '' publishes on every interface. */
  listenAddress: string;
}

/** A host device node, at the same path inside the container. */
export interface ContainerDevice {
  path: string;
  /** Cgroup permissions: r(ead), w(rite), m(knod). */
  permissions: 'r' | 'rw' | 'rwm';
}

/** What an exporter's container is made of; each module states only these. */
export interface ExporterContainerSpec extends ContainerIdentity {
  command: string[];
  /** Plain values, in the open in both forms: never a secret. */
  environment?: Record<string, string>;
  /** host:container[:options]; left out of both forms when not given. */
  binds?: string[];
  /**
   * 'host' shares the host's network stack: the port is the host's already, so nothing
   * is published. The default is the bridge network with the port published on the host.
   */
  network?: 'bridge' | 'host';
  /** Shares the host's process namespace. */
  hostPid?: boolean;
  devices?: ContainerDevice[];
  /** Docker is told either way; compose writes only true, its default being false. */
  privileged?: boolean;
  /** Linux capabilities added to the default set. */
  capabilities?: string[];
}

/** The same container for the Docker Engine API and for a compose file. */
export interface ExporterContainer {
  docker: ContainerSpec;
  compose: { name: string; service: ComposeService };
}

/** The container in both forms; the compose service is named after the exporter. */
export function exporterContainer(params: ContainerParams, spec: ExporterContainerSpec): ExporterContainer {
  return {
    docker: dockerContainer(params, spec),
    compose: { name: spec.id, service: composeService(params, spec) },
  };
}

/** A folder bound read-only at its own path, so paths written in its files hold inside too. */
export function sameFolderBind(directory: string): string {
  return `${directory}:${directory}:ro`;
}

function dockerContainer(params: ContainerParams, spec: ExporterContainerSpec): ContainerSpec {
  const published = spec.network !== 'host';
  const portKey = `${params.port}/tcp`;
  const portBindings = { [portKey]: [{ HostIp: params.listenAddress, HostPort: String(params.port) }] };
  return {
    name: params.containerName,
    Image: spec.image,
    Cmd: spec.command,
    ...(spec.environment ? { Env: dockerEnv(spec.environment) } : {}),
    Labels: promsteadLabels(spec.id, spec.version),
    ...(published ? { ExposedPorts: { [portKey]: {} } } : {}),
    HostConfig: {
      NetworkMode: published ? 'bridge' : 'host',
      ...(spec.hostPid ? { PidMode: 'host' } : {}),
      ...(published ? { PortBindings: portBindings } : {}),
      ...(spec.binds ? { Binds: spec.binds } : {}),
      ...dockerPrivileges(spec),
      RestartPolicy: { Name: 'unless-stopped' },
      Memory: params.memoryLimitMiB * 1024 * 1024,
      LogConfig: { ...containerLogConfig, Config: { ...containerLogConfig.Config } },
    },
  };
}

function dockerPrivileges(spec: ExporterContainerSpec): HostConfig {
  return {
    ...(spec.devices?.length
      ? {
          Devices: spec.devices.map((device) => ({
            PathOnHost: device.path,
            PathInContainer: device.path,
            CgroupPermissions: device.permissions,
          })),
        }
      : {}),
    ...(spec.privileged === undefined ? {} : { Privileged: spec.privileged }),
    ...(spec.capabilities?.length ? { CapAdd: spec.capabilities } : {}),
  };
}

/** Docker's KEY=value list, in a stable order. */
function dockerEnv(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(([name, value]) => `${name}=${value}`);
}

/** Compose interpolates $ in every string it reads, so each one is escaped. */
function composeService(params: ContainerParams, spec: ExporterContainerSpec): ComposeService {
  const escapedValues = (values: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, composeEscape(value)]));
  return {
    image: spec.image,
    container_name: params.containerName,
    restart: 'unless-stopped',
    command: spec.command.map(composeEscape),
    ...(spec.environment ? { environment: escapedValues(spec.environment) } : {}),
    ...(spec.binds ? { volumes: spec.binds.map(composeEscape) } : {}),
    ...(spec.devices?.length
      ? { devices: spec.devices.map((device) => `${device.path}:${device.path}:${device.permissions}`) }
      : {}),
    ...(spec.network === 'host'
      ? { network_mode: 'host' }
      : { ports: [composePort(params.listenAddress, params.port)] }),
    ...(spec.hostPid ? { pid: 'host' } : {}),
    ...(spec.privileged ? { privileged: true } : {}),
    ...(spec.capabilities?.length ? { cap_add: spec.capabilities } : {}),
    mem_limit: `${params.memoryLimitMiB}m`,
    labels: promsteadLabels(spec.id, spec.version),
    logging: { driver: 'json-file', options: { ...containerLogConfig.Config } },
  };
}
