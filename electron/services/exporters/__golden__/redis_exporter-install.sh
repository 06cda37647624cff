#!/bin/bash
# Installs redis_exporter 1.58.0 as a systemd service (rendered by Promstead).
# Running it again upgrades in place and changes nothing else.
set -euo pipefail

archive_url='https://github.com/oliver006/redis_exporter/releases/download/v1.58.0/redis_exporter-v1.58.0.linux-amd64.tar.gz'
checksums_url='https://github.com/oliver006/redis_exporter/releases/download/v1.58.0/sha256sums.txt'
archive_name='redis_exporter-v1.58.0.linux-amd64.tar.gz'
archive_member='redis_exporter-v1.58.0.linux-amd64/redis_exporter'
binary_path='/usr/local/bin/redis_exporter'
service_user='redis_exporter'
config_dir='/etc/promstead/redis_exporter'
unit_path='/etc/systemd/system/redis_exporter.service'
unit_name='redis_exporter.service'

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
Description=Prometheus Redis Exporter (managed by Promstead)
Documentation=https://github.com/oliver006/redis_exporter
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
User=redis_exporter
Group=redis_exporter
Environment="REDIS_ADDR=redis://redis:6379"
Environment="REDIS_PASSWORD_FILE=/etc/promstead/redis_exporter/password.json"
ExecStart=/usr/local/bin/redis_exporter \
    "--check-keys=myapp:user:*,myapp:session:*" \
    --check-single-keys=myapp:config,myapp:feature_flags \
    --include-system-metrics \
    --is-tile38=false \
    --web.listen-address=:9121
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
