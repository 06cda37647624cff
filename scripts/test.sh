#!/usr/bin/env bash
# The test command (`npm test`): sets up what a fresh machine of the build kind lacks,
# then runs typecheck, lint, unit tests, the build, and the end-to-end suite.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# Debian packages: every one the suites, the lab and the benchmarks need, from the one
# list (test/debian-packages.txt), installed when root and missing. Without root it
# names the suites that cannot run in full, and why.
step "Debian packages (test/debian-packages.txt)"
scripts/debian-packages.sh

# npm packages, exactly as locked; reinstalled when the lockfile changes.
stamp=node_modules/.promstead-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

step typecheck
npm run --silent typecheck
step lint
npm run --silent lint
step "unit tests"
npx vitest run --project unit
step build
npx electron-vite build

# The lab: a simulated home LAN of real daemons in network namespaces (needs root).
# Integration and e2e tests run inside its workstation namespace, lab-ws.
in_lab=()
skipped=()
if [ "$(id -u)" = 0 ]; then
  step "lab up"
  trap 'step "lab down"; ./test/lab/lab down || true' EXIT
  if ./test/lab/lab up; then
    in_lab=(ip netns exec lab-ws)
  else
    if [ "${CI:-}" = true ]; then
      echo "the lab did not come up: under CI that fails the run" >&2
      exit 1
    fi
    skipped+=("integration: the lab did not come up (see above)")
  fi
else
  if [ "${CI:-}" = true ]; then
    echo "CI=true but not root: the lab (and the integration suite) cannot run" >&2
    exit 1
  fi
  skipped+=("integration: not root, and the lab needs network namespaces and daemons (run npm test as root)")
fi

if [ ${#in_lab[@]} -gt 0 ]; then
  step "integration tests (inside lab-ws)"
  "${in_lab[@]}" npx vitest run --project integration
fi
step "end-to-end tests (Chromium, browser mode${in_lab:+, inside lab-ws})"
"${in_lab[@]}" npx playwright test

if [ ${#skipped[@]} -gt 0 ]; then
  step "skipped suites"
  printf '  - %s\n' "${skipped[@]}"
fi
