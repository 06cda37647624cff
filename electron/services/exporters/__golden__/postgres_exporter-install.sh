#!/bin/bash
# Installs postgres_exporter 0.15.0 as a systemd service (rendered by Promstead).
# Running it again upgrades in place and changes nothing else.
set -euo pipefail

archive_url='https://github.com/prometheus-community/postgres_exporter/releases/download/v0.15.0/postgres_exporter-0.15.0.linux-amd64.tar.gz'
checksums_url='https://github.com/prometheus-community/postgres_exporter/releases/download/v0.15.0/sha256sums.txt'
archive_name='postgres_exporter-0.15.0.linux-amd64.tar.gz'
archive_member='postgres_exporter-0.15.0.linux-amd64/postgres_exporter'
binary_path='/usr/local/bin/postgres_exporter'
service_user='postgres_exporter'
config_dir='/etc/promstead/postgres_exporter'
unit_path='/etc/systemd/system/postgres_exporter.service'
unit_name='postgres_exporter.service'

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
[Unit]
Description=Prometheus PostgreSQL Exporter (managed by Promstead)
Documentation=https://github.com/prometheus-community/postgres_exporter
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
User=postgres_exporter
Group=postgres_exporter
Environment="DATA_SOURCE_URI=localhost:5432/postgres?sslmode=disable"
Environment="DATA_SOURCE_USER=postgres_exporter"
Environment="DATA_SOURCE_PASS_FILE=/etc/promstead/postgres_exporter/password"
ExecStart=/usr/local/bin/postgres_exporter \
    --extend.query-path=/etc/promstead/postgres_exporter/postgres_queries.yaml \
    --web.listen-address=:9187
Restart=always
RestartSec=10s
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
PROMSTEAD_UNIT
chmod 0644 -- "$unit_path.promstead-new"
mv -f -- "$unit_path.promstead-new" "$unit_path"

systemctl daemon-reload
systemctl enable -- "$unit_name"
systemctl restart -- "$unit_name"
