// Renderers shared by the database exporters: the systemd unit and the install and
// uninstall scripts of a release binary (built on systemd-unit.ts and binary-install.ts).
import { binaryInstallScript, binaryUninstallScript } from './binary-install';
import type { BinaryRelease } from './catalog-types';
import type { LinuxArchitecture } from '@shared/contract';
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
