#!/bin/bash
# Installs mysqld_exporter 0.15.1 as a systemd service (rendered by Promstead).
# Running it again upgrades in place and changes nothing else.
set -euo pipefail

archive_url='https://github.com/prometheus/mysqld_exporter/releases/download/v0.15.1/mysqld_exporter-0.15.1.linux-amd64.tar.gz'
checksums_url='https://github.com/prometheus/mysqld_exporter/releases/download/v0.15.1/sha256sums.txt'
archive_name='mysqld_exporter-0.15.1.linux-amd64.tar.gz'
archive_member='mysqld_exporter-0.15.1.linux-amd64/mysqld_exporter'
binary_path='/usr/local/bin/mysqld_exporter'
service_user='mysqld_exporter'
config_dir='/etc/promstead/mysqld_exporter'
unit_path='/etc/systemd/system/mysqld_exporter.service'
unit_name='mysqld_exporter.service'

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
Description=Prometheus MySQL Exporter (managed by Promstead)
Documentation=https://github.com/prometheus/mysqld_exporter
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
User=mysqld_exporter
Group=mysqld_exporter
ExecStart=/usr/local/bin/mysqld_exporter \
    --config.my-cnf=/etc/promstead/mysqld_exporter/.my.cnf \
    --collect.global_status \
    --collect.info_schema.innodb_metrics \
    --collect.auto_increment.columns \
    --collect.perf_schema.tableiowaits \
    --collect.perf_schema.file_events \
    --web.listen-address=:9104
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
