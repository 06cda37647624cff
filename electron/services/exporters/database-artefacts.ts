// Renderers shared by the database exporters: the systemd unit and the install and
// uninstall scripts of a release binary (built on systemd-unit.ts and binary-install.ts),
// and the container and compose service of an exporter configured by environment.
import { binaryInstallScript, binaryUninstallScript } from './binary-install';
import type { BinaryRelease, ComposeService, ContainerSpec } from './catalog-types';
import { composeEscape, composePort } from './compose-file';
import {
  composeServiceBase,
  dockerEnv,
  publishedPortContainer,
  type PublishedPortParams,
} from './container-spec';
import type { LinuxArchitecture } from './param-validators';
import { serviceUnit } from './systemd-unit';

export interface DatabaseUnitSpec {
  description: string;
  documentation: string;
  user: string;
  command: readonly string[];
  environment: Record<string, string>;
  /** Read by systemd as root before it drops to User=, so it can stay root:root 0600. */
  environmentFile?: string;
}

/** It only talks to the database over the network: no writes, no privileges. */
export function databaseSystemdUnit(spec: DatabaseUnitSpec): string {
  return serviceUnit(spec);
}

export interface DatabaseInstallSpec {
  exporterName: string;
  version: string;
  arch: LinuxArchitecture;
  binary: BinaryRelease;
  binaryPath: string;
  user: string;
  configDirectory: string;
  unitName: string;
  unit: string;
}

/**
 * Installs the release binary, the service user and the unit. Config and secret files
 * are written by the deploy step from configFiles (secrets resolved there), before this
 * script restarts the service.
 */
export function databaseInstallScript(spec: DatabaseInstallSpec): string {
  return binaryInstallScript({
    ...spec,
    variables: { config_dir: spec.configDirectory },
    directories: `# Secrets live here: only root and the service user may look inside.
install -d -o root -g "$service_user" -m 0750 -- "$config_dir"`,
  });
}

/** Removes the service, binary, user and the config directory with its secret files. */
export function databaseUninstallScript(
  spec: Omit<DatabaseInstallSpec, 'version' | 'arch' | 'binary' | 'unit'>,
): string {
  return binaryUninstallScript({
    header: `# Removes the ${spec.exporterName} service that Promstead installed, with its credentials.`,
    binaryPath: spec.binaryPath,
    user: spec.user,
    unitName: spec.unitName,
    variables: { config_dir: spec.configDirectory },
    cleanup: 'rm -rf -- "$config_dir"',
  });
}

/** An exporter configured by environment variables and a read-only config folder (postgres, redis). */
export interface EnvironmentConfiguredExporter<P> {
  id: 'postgres_exporter' | 'redis_exporter';
  version: string;
  image: string;
  command: string[];
  environment: Record<string, string>;
  params: P;
}

type ConfigFolderParams = PublishedPortParams & { configDirectory: string };

/** The config folder, mounted read-only at the same path so its file paths hold inside too. */
function configFolderBinds(params: ConfigFolderParams): string[] {
  return [`${params.configDirectory}:${params.configDirectory}:ro`];
}

export function environmentConfiguredContainer<P extends ConfigFolderParams>(
  spec: EnvironmentConfiguredExporter<P>,
): ContainerSpec {
  return publishedPortContainer(spec.params, {
    id: spec.id,
    version: spec.version,
    image: spec.image,
    command: spec.command,
    env: dockerEnv(spec.environment),
    binds: configFolderBinds(spec.params),
  });
}

export function environmentConfiguredComposeService<P extends ConfigFolderParams>(
  spec: EnvironmentConfiguredExporter<P>,
): { name: string; service: ComposeService } {
  const environment = Object.fromEntries(
    Object.entries(spec.environment).map(([name, value]) => [name, composeEscape(value)]),
  );
  return {
    name: spec.id,
    service: {
      ...composeServiceBase(spec.params, { id: spec.id, version: spec.version, image: spec.image }),
      command: spec.command.map(composeEscape),
      environment,
      volumes: configFolderBinds(spec.params),
      ports: [composePort(spec.params.listenAddress, spec.params.port)],
    },
  };
}
