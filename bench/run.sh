#!/usr/bin/env bash
# `npm run bench`: the benchmarks run inside the lab. Brings the lab up when it is not
# (as root) and takes it down again afterwards; a lab that was already up stays up.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "The benchmarks run inside the test lab, which needs root." >&2
  exit 1
fi
# nmap, fping and the lab's daemons: the same list npm test installs from.
scripts/debian-packages.sh
# The exposition parser needs no lab: node_exporter runs on 127.0.0.1 for its input.
node --expose-gc --import tsx bench/exposition.bench.ts
if ! ./test/lab/lab status >/dev/null 2>&1; then
  trap './test/lab/lab down >/dev/null' EXIT
  ./test/lab/lab up >/dev/null
fi
ip netns exec lab-ws node --import tsx bench/discovery.bench.ts
ip netns exec lab-ws node --import tsx bench/deploy.bench.ts
node --import tsx bench/metrics-render.bench.ts
