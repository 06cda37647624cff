#!/usr/bin/env bash
# Runs what `npm test` does first on a fresh machine (the Debian package step, npm ci
# and the unit suite) in a minimal Debian 12 root, so a missing install step shows up
# here before it fails CI on a new machine. Not part of `npm test`; needs root.
#
#   scripts/fresh-check.sh [--keep]
#
# The root is debootstrap's minbase (built once into the cache, copied fresh per run),
# given the machine's apt settings and policy-rc.d as a new machine of the build kind
# has them. This machine's Node.js (which comes with the machine image) is bind-mounted
# read-only. The project goes in as a fresh clone of this checkout's HEAD, so only what
# is committed counts, as in CI. --keep leaves the root in place to look around.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
keep=false
[ "${1:-}" = --keep ] && keep=true

if [ "$(id -u)" != 0 ]; then
  echo "fresh-check needs root (debootstrap, chroot, mounts)." >&2
  exit 1
fi
for tool in debootstrap unshare chroot git; do
  command -v "$tool" >/dev/null || {
    echo "fresh-check needs $tool: run scripts/debian-packages.sh as root first." >&2
    exit 1
  }
done

suite=bookworm
cache=${PROMSTEAD_FRESH_CACHE:-/var/cache/promstead-fresh-check}
pristine=$cache/minbase-$suite
work=$(mktemp -d "$cache/run.XXXXXX" 2>/dev/null || { mkdir -p "$cache" && mktemp -d "$cache/run.XXXXXX"; })
root=$work/root
started=$(date +%s)
phase_started=$started
phase() {
  local now
  now=$(date +%s)
  printf '\n== fresh-check: %s (after %d s)\n' "$*" "$((now - started))"
  phase_started=$now
}
cleanup() {
  if [ "$keep" = true ]; then
    echo "kept: $root"
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT

# The mirror this machine's apt uses (deb822 first, then the one-line format).
mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk -v s="$suite" '$1 == "deb" && $0 ~ " " s " " { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

if [ ! -f "$pristine/.complete" ]; then
  phase "debootstrap --variant=minbase $suite from $mirror (once; cached in $pristine)"
  rm -rf --one-file-system "$pristine"
  debootstrap --variant=minbase "$suite" "$pristine" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
    tail -20 "$cache/debootstrap.log" >&2
    exit 1
  }
  touch "$pristine/.complete"
fi

phase "a fresh copy of the minimal root, with this machine's apt settings"
cp -a "$pristine" "$root"
rm -f "$root/.complete"
# What a new machine of the build kind has beyond minbase: its apt sources and settings
# (a dated snapshot, so no Valid-Until check), npm's settings, and no service starts.
rm -f "$root/etc/apt/sources.list"
cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/"
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
cp -a /etc/apt/apt.conf.d/. "$root/etc/apt/apt.conf.d/"
[ -f /usr/sbin/policy-rc.d ] && cp /usr/sbin/policy-rc.d "$root/usr/sbin/policy-rc.d"
[ -f /root/.npmrc ] && cp /root/.npmrc "$root/root/.npmrc"
[ -f /etc/npmrc ] && cp /etc/npmrc "$root/etc/npmrc"
# The machine's own certificate authorities (a TLS-inspecting proxy's, say): the
# ca-certificates package adds them to the bundle when the package step installs it.
if [ -d /usr/local/share/ca-certificates ]; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

phase "a fresh clone of $(git rev-parse --short HEAD)"
git clone --quiet --no-hardlinks "$repo" "$root/promstead"

# Node.js as the machine image has it: the binary and npm, read-only.
node_bin=$(command -v node)
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
touch "$root/usr/bin/node"
mkdir -p "$root/usr/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"

# Inside the chroot, as a new user's first `npm test` would: packages, npm ci, unit tests.
cat >"$root/fresh-check-inside.sh" <<'INSIDE'
#!/bin/bash
set -euo pipefail
cd /promstead
clock() { date +%s; }
t0=$(clock)
echo "== inside: Debian packages (scripts/debian-packages.sh)"
scripts/debian-packages.sh
t1=$(clock)
echo "== inside: npm ci"
npm ci --no-audit --no-fund
t2=$(clock)
echo "== inside: unit tests"
set +e
npx vitest run --project unit
status=$?
set -e
t3=$(clock)
echo "== inside: packages $((t1 - t0)) s, npm ci $((t2 - t1)) s, unit tests $((t3 - t2)) s, exit $status"
exit $status
INSIDE
chmod +x "$root/fresh-check-inside.sh"

# The machine's environment for TLS and proxies, as CI's run inherits it.
machine_env=()
for name in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -n "${!name:-}" ] && machine_env+=("$name=${!name}")
done

phase "packages, npm ci and the unit suite inside the root"
set +e
# A private mount namespace: every mount below goes away with it, whatever happens.
unshare --mount --fork -- bash -euo pipefail -c '
  root=$1 node_bin=$2 npm_dir=$3
  mount --make-rprivate /
  mount --bind -o ro "$node_bin" "$root/usr/bin/node"
  mount -o remount,bind,ro "$root/usr/bin/node"
  mount --rbind "$npm_dir" "$root/usr/lib/node_modules/npm"
  mount -o remount,bind,ro "$root/usr/lib/node_modules/npm"
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
  mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
  shift 3
  exec chroot "$root" /usr/bin/env -i HOME=/root CI=true TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" /fresh-check-inside.sh
' fresh-check "$root" "$node_bin" "$npm_dir" "${machine_env[@]}"
status=$?
set -e
phase "finished: exit $status"
exit "$status"
