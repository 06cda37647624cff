// Renderers shared by the database exporters: the systemd unit and the install and
// uninstall scripts of a release binary, and the compose service extended with the
// environment keys compose has and the catalog's ComposeService does not model yet.
import { containerLogConfig, promsteadLabels } from './catalog-types';
import type { BinaryRelease, ComposeService } from './catalog-types';
import type { ExporterId } from '../../../shared/contract/discovery';
import type { LinuxArchitecture } from './param-validators';
import { shellQuote } from './shell-quote';
import { execStart } from './systemd-unit';

/** ComposeService plus environment and env_file (the latter read by compose, never by the plan). */
export type DatabaseComposeService = ComposeService & {
  environment?: Record<string, string>;
  env_file?: string[];
};

export interface DatabaseUnitSpec {
  description: string;
  documentation: string;
  user: string;
  command: readonly string[];
  environment: Record<string, string>;
  /** Read by systemd as root before it drops to User=, so it can stay root:root 0600. */
  environmentFile?: string;
}

/** Environment= lines; values are validated paths, hosts and names, quoted for systemd. */
function environmentLines(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(
    ([name, value]) =>
      `Environment="${name}=${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('%', '%%')}"`,
  );
}

export function databaseSystemdUnit(spec: DatabaseUnitSpec): string {
  return [
    '[Unit]',
    `Description=${spec.description} (managed by Promstead)`,
    `Documentation=${spec.documentation}`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${spec.user}`,
    `Group=${spec.user}`,
    ...environmentLines(spec.environment),
    ...(spec.environmentFile ? [`EnvironmentFile=${spec.environmentFile}`] : []),
    execStart(spec.command),
    'Restart=always',
    'RestartSec=10s',
    // It only talks to the database over the network: no writes, no privileges.
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=yes',
    'PrivateTmp=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** Assignments at the top of a script; every value single-quoted. */
function scriptVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name}=${shellQuote(value)}`)
    .join('\n');
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

function archiveName(spec: DatabaseInstallSpec): string {
  const url = spec.binary.releaseUrl(spec.version, spec.arch);
  return url.slice(url.lastIndexOf('/') + 1);
}

/**
 * Installs the release binary, the service user and the unit. Config and secret files
 * are written by the deploy step from configFiles (secrets resolved there), before this
 * script restarts the service.
 */
export function databaseInstallScript(spec: DatabaseInstallSpec): string {
  return `#!/bin/bash
# Installs ${spec.exporterName} ${spec.version} as a systemd service (rendered by Promstead).
# Running it again upgrades in place and changes nothing else.
set -euo pipefail

${scriptVariables({
  archive_url: spec.binary.releaseUrl(spec.version, spec.arch),
  checksums_url: spec.binary.checksumsUrl(spec.version),
  archive_name: archiveName(spec),
  archive_member: spec.binary.archiveBinaryPath(spec.version, spec.arch),
  binary_path: spec.binaryPath,
  service_user: spec.user,
  config_dir: spec.configDirectory,
  unit_path: `/etc/systemd/system/${spec.unitName}`,
  unit_name: spec.unitName,
})}

if ! id -u "$service_user" >/dev/null 2>&1; then
  useradd --system --user-group --no-create-home --shell /usr/sbin/nologin -- "$service_user"
fi

workdir="$(mktemp -d)"
trap 'rm -rf -- "$workdir"' EXIT
curl -fsSL --proto '=https' -o "$workdir/$archive_name" -- "$archive_url"
curl -fsSL --proto '=https' -o "$workdir/sha256sums.txt" -- "$checksums_url"
# Refuse an archive that does not match the published checksum.
(cd "$workdir" && grep -F -- "  $archive_name" sha256sums.txt | sha256sum -c --strict -)
tar -xzf "$workdir/$archive_name" -C "$workdir" -- "$archive_member"
install -o root -g root -m 0755 -- "$workdir/$archive_member" "$binary_path"

# Secrets live here: only root and the service user may look inside.
install -d -o root -g "$service_user" -m 0750 -- "$config_dir"

cat >"$unit_path.promstead-new" <<'PROMSTEAD_UNIT'
${spec.unit}PROMSTEAD_UNIT
chmod 0644 -- "$unit_path.promstead-new"
mv -f -- "$unit_path.promstead-new" "$unit_path"

systemctl daemon-reload
systemctl enable -- "$unit_name"
systemctl restart -- "$unit_name"
`;
}

/** Removes the service, binary, user and the config directory with its secret files. */
export function databaseUninstallScript(
  spec: Omit<DatabaseInstallSpec, 'version' | 'arch' | 'binary' | 'unit'>,
): string {
  return `#!/bin/bash
# Removes the ${spec.exporterName} service that Promstead installed, with its credentials.
set -euo pipefail

${scriptVariables({
  binary_path: spec.binaryPath,
  service_user: spec.user,
  config_dir: spec.configDirectory,
  unit_path: `/etc/systemd/system/${spec.unitName}`,
  unit_name: spec.unitName,
})}

if systemctl list-unit-files -- "$unit_name" >/dev/null 2>&1; then
  systemctl disable --now -- "$unit_name" || true
fi
rm -f -- "$unit_path"
systemctl daemon-reload
rm -f -- "$binary_path"
rm -rf -- "$config_dir"
if id -u "$service_user" >/dev/null 2>&1; then
  userdel -- "$service_user"
fi
`;
}

/** The parts every database exporter's compose service shares. */
export function databaseComposeBase(
  id: ExporterId,
  version: string,
  image: string,
  containerName: string,
  memoryLimitMiB: number,
): DatabaseComposeService {
  return {
    image,
    container_name: containerName,
    restart: 'unless-stopped',
    mem_limit: `${memoryLimitMiB}m`,
    labels: promsteadLabels(id, version),
    logging: { driver: 'json-file', options: { ...containerLogConfig.Config } },
  };
}

/** Docker's KEY=value list, in a stable order. */
export function dockerEnv(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(([name, value]) => `${name}=${value}`);
}
