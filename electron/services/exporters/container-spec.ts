// Container shapes every exporter module shares: the Docker Engine create options of a
// bridge-network container that publishes one port, and the base of a compose service.
import type { HostConfig } from 'dockerode';
import type { ExporterId } from '@shared/contract';
import { containerLogConfig, promsteadLabels } from './catalog-types';
import type { ComposeService, ContainerSpec } from './catalog-types';

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
}

/** ContainerParams of an exporter that publishes one port. */
export interface PublishedPortParams extends ContainerParams {
  port: number;
  /** '' publishes on every interface. */
  listenAddress: string;
}

export interface PublishedPortContainerSpec extends ContainerIdentity {
  command: string[];
  /** Docker's KEY=value list; left out of the spec when not given. */
  env?: string[];
  binds: string[];
  /** Further HostConfig keys, placed right after Binds. */
  hostConfig?: HostConfig;
}

/** A container on the default bridge network with one TCP port published on the host. */
export function publishedPortContainer(
  params: PublishedPortParams,
  spec: PublishedPortContainerSpec,
): ContainerSpec {
  const portKey = `${params.port}/tcp`;
  return {
    name: params.containerName,
    Image: spec.image,
    Cmd: spec.command,
    ...(spec.env ? { Env: spec.env } : {}),
    Labels: promsteadLabels(spec.id, spec.version),
    ExposedPorts: { [portKey]: {} },
    HostConfig: {
      NetworkMode: 'bridge',
      PortBindings: { [portKey]: [{ HostIp: params.listenAddress, HostPort: String(params.port) }] },
      Binds: spec.binds,
      ...spec.hostConfig,
      RestartPolicy: { Name: 'unless-stopped' },
      Memory: params.memoryLimitMiB * 1024 * 1024,
      LogConfig: { ...containerLogConfig, Config: { ...containerLogConfig.Config } },
    },
  };
}

/**
 * The parts every exporter's compose service shares, with the service's own keys
 * (command, volumes, ports...) placed between restart and mem_limit.
 */
export function composeServiceBase<S extends Partial<ComposeService>>(
  params: ContainerParams,
  identity: ContainerIdentity,
  own?: S,
): ComposeService & S {
  return {
    image: identity.image,
    container_name: params.containerName,
    restart: 'unless-stopped',
    ...(own as S),
    mem_limit: `${params.memoryLimitMiB}m`,
    labels: promsteadLabels(identity.id, identity.version),
    logging: { driver: 'json-file', options: { ...containerLogConfig.Config } },
  };
}

/** Docker's KEY=value list, in a stable order. */
export function dockerEnv(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(([name, value]) => `${name}=${value}`);
}
