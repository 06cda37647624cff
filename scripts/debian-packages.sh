#!/usr/bin/env bash
# Installs the Debian packages of test/debian-packages.txt that this machine lacks, so
# a fresh machine can run every suite. `npm test` and `npm run bench` run it first.
#   scripts/debian-packages.sh            install what is missing (as root)
#   scripts/debian-packages.sh --check    only say what is missing and which suites need it
# Without root it installs nothing: it names the suites that cannot run, and why, and
# exits 0 so the suites that can run still do.
set -euo pipefail
cd "$(dirname "$0")/.."
list=test/debian-packages.txt

# "package suites why" for every entry, comments and blank lines dropped.
entries() {
  sed -e 's/^[[:space:]]*//' "$list" | awk '
    /^#/ || NF == 0 { next }
    { why = $0; sub(/^[^#]*#[[:space:]]*/, "", why); print $1 "\t" $2 "\t" why }'
}

mapfile -t packages < <(entries | cut -f1)
if [ ${#packages[@]} -eq 0 ]; then
  echo "$list lists no packages" >&2
  exit 1
fi

# dpkg-query exits non-zero when a package is unknown to it: that is "missing" too.
installed=$(dpkg-query -W -f '${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null | awk '$2 == "installed" { print $1 }' || true)
missing=()
for package in "${packages[@]}"; do
  grep -qx -- "$package" <<<"$installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

explain_missing() {
  echo "Missing Debian packages (from $list):" >&2
  entries | while IFS=$'\t' read -r package suites why; do
    for absent in "${missing[@]}"; do
      [ "$absent" = "$package" ] && printf '  - %-30s needed by %-16s %s\n' "$package" "$suites" "$why" >&2
    done
  done
  local suites
  suites=$(entries | while IFS=$'\t' read -r package suites _; do
    for absent in "${missing[@]}"; do [ "$absent" = "$package" ] && tr ',' '\n' <<<"$suites"; done
  done | sort -u | paste -sd' ')
  echo "Suites that cannot run in full until they are installed: $suites" >&2
}

if [ "${1:-}" = --check ]; then
  explain_missing
  exit 1
fi

if [ "$(id -u)" != 0 ]; then
  explain_missing
  echo "Not root, so nothing was installed: run this as root (or npm test as root)." >&2
  exit 0
fi

echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
lock=(-o DPkg::Lock::Timeout=600)
# A fresh machine's package lists may be missing or stale: refresh before installing.
apt-get update "${lock[@]}" >/dev/null || apt-get update "${lock[@]}"
apt-get install -y "${lock[@]}" --no-install-recommends "${missing[@]}"
