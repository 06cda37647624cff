// Install and uninstall scripts for an exporter shipped as a release binary and run as
// a systemd service: download, checksum, service user, unit. Each exporter adds its own
// script variables and the directories it needs.
import { shellQuote } from '../ssh';
import type { BinaryRelease } from './catalog-types';
import type { LinuxArchitecture } from '@shared/contract';

/** Assignments at the top of a script; every value single-quoted. */
export function scriptVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name}=${shellQuote(value)}`)
    .join('\n');
}

export interface BinaryInstallSpec {
  exporterName: string;
  version: string;
  arch: LinuxArchitecture;
  binary: BinaryRelease;
  /** The archive's file name; the last segment of the release URL unless given. */
  archiveName?: string;
  binaryPath: string;
  user: string;
  unitName: string;
  unit: string;
  /** The exporter's own variables, assigned after service_user. */
  variables: Record<string, string>;
  /** Shell lines that create the exporter's directories once the binary is installed. */
  directories: string;
}

function releaseArchiveName(spec: BinaryInstallSpec): string {
  const url = spec.binary.releaseUrl(spec.version, spec.arch);
  return url.slice(url.lastIndexOf('/') + 1);
}

export function binaryInstallScript(spec: BinaryInstallSpec): string {
  return `#!/bin/bash
# Installs ${spec.exporterName} ${spec.version} as a systemd service (rendered by Promstead).
# Running it again upgrades in place and changes nothing else.
set -euo pipefail

${scriptVariables({
  archive_url: spec.binary.releaseUrl(spec.version, spec.arch),
  checksums_url: spec.binary.checksumsUrl(spec.version),
  archive_name: spec.archiveName ?? releaseArchiveName(spec),
  archive_member: spec.binary.archiveBinaryPath(spec.version, spec.arch),
  binary_path: spec.binaryPath,
  service_user: spec.user,
  ...spec.variables,
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

${spec.directories}

cat >"$unit_path.promstead-new" <<'PROMSTEAD_UNIT'
${spec.unit}PROMSTEAD_UNIT
chmod 0644 -- "$unit_path.promstead-new"
mv -f -- "$unit_path.promstead-new" "$unit_path"

systemctl daemon-reload
systemctl enable -- "$unit_name"
systemctl restart -- "$unit_name"
`;
}

export interface BinaryUninstallSpec {
  /** Comment lines after the shebang, each starting with "# ". */
  header: string;
  binaryPath: string;
  user: string;
  unitName: string;
  /** The exporter's own variables, assigned after service_user. */
  variables: Record<string, string>;
  /** Shell lines that remove the exporter's own files once the binary is gone. */
  cleanup?: string;
}

export function binaryUninstallScript(spec: BinaryUninstallSpec): string {
  return `#!/bin/bash
${spec.header}
set -euo pipefail

${scriptVariables({
  binary_path: spec.binaryPath,
  service_user: spec.user,
  ...spec.variables,
  unit_path: `/etc/systemd/system/${spec.unitName}`,
  unit_name: spec.unitName,
})}

if systemctl list-unit-files -- "$unit_name" >/dev/null 2>&1; then
  systemctl disable --now -- "$unit_name" || true
fi
rm -f -- "$unit_path"
systemctl daemon-reload
rm -f -- "$binary_path"
${spec.cleanup ? `${spec.cleanup}\n` : ''}if id -u "$service_user" >/dev/null 2>&1; then
  userdel -- "$service_user"
fi
`;
}
