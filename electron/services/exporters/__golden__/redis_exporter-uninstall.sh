#!/bin/bash
# Removes the redis_exporter service that Promstead installed, with its credentials.
set -euo pipefail

binary_path='/usr/local/bin/redis_exporter'
service_user='redis_exporter'
config_dir='/etc/promstead/redis_exporter'
unit_path='/etc/systemd/system/redis_exporter.service'
unit_name='redis_exporter.service'

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
