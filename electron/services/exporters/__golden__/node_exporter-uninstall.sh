#!/bin/bash
# Removes the node_exporter service that Promstead installed. The textfile directory is
# kept: other jobs write metrics there.
set -euo pipefail

binary_path='/usr/local/bin/node_exporter'
service_user='node_exporter'
unit_path='/etc/systemd/system/node_exporter.service'
unit_name='node_exporter.service'

if systemctl list-unit-files -- "$unit_name" >/dev/null 2>&1; then
  systemctl disable --now -- "$unit_name" || true
fi
rm -f -- "$unit_path"
systemctl daemon-reload
rm -f -- "$binary_path"
if id -u "$service_user" >/dev/null 2>&1; then
  userdel -- "$service_user"
fi
