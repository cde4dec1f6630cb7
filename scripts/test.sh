#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs (npm packages, Debian chromium and
# build tools, the VS Code host), type-checks, checks that every generated file is up to date
# (`npm run gen -- --check`, counted as one test), builds, then runs
#   1. unit and CLI tests in plain Node (mocha),
#   2. integration tests inside a real VS Code (code-server + headless chromium), then a second,
#      short pass on a multi-root workspace (test/integration/*.multiroot.ts, run-vscode-tests.sh
#      --multi-root: three folders opened from a .code-workspace file), and a third pass in the web
#      worker extension host (the `browser` entry, as on vscode.dev: run-vscode-tests.sh --web),
#   3. the packaged .vsix installed into code-server and activated,
#   4. end-to-end checks through the workbench UI (command palette, Problems panel, screenshots).
# The last line is the total: "N passed, M failed".
#
# Env: SKIP_VSCODE=1 runs only the Node tests (no browser, no VS Code host).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mkdir -p test-results
passed=0
failed=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); }
step() { printf '\n=== %s\n' "$*"; }

# Counts from a log whose last "N passed, M failed" line is the suite's summary.
count_from() {
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  if [ -n "$line" ]; then
    add "$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')" "$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')"
  else
    add 0 1
  fi
}

step "install npm packages"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

step "type-check (tsc --noEmit)"
if npx tsc --noEmit -p . ; then add 1 0; echo "1 passed, 0 failed"; else add 0 1; echo "type-check failed"; fi

step "generated files are up to date (npm run gen -- --check)"
if npx tsx scripts/gen.ts --check; then add 1 0; echo "1 passed, 0 failed"; else add 0 1; echo "generated files are stale: run npm run gen"; fi

step "build (esbuild)"
if ! npm run -s build; then
  echo "build failed"; echo "$passed passed, $((failed + 1)) failed"; exit 1
fi

step "unit and CLI tests (mocha, plain Node)"
npx mocha --reporter dot 2>&1 | tee test-results/unit.log
# mocha prints "N passing" and "M failing"
up=$(grep -Eo '[0-9]+ passing' test-results/unit.log | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
uf=$(grep -Eo '[0-9]+ failing' test-results/unit.log | tail -n 1 | grep -Eo '[0-9]+' || echo 0)
[ "$up" -gt 0 ] || uf=$((uf + 1))
add "$up" "$uf"
echo "$up passed, $uf failed"

if [ -z "${SKIP_VSCODE:-}" ]; then
  step "install the VS Code host (code-server from npm, Debian chromium)"
  if bash scripts/setup-vscode-host.sh; then
    step "integration tests in a real VS Code"
    bash scripts/run-vscode-tests.sh 2>&1 | tee test-results/integration.log
    count_from test-results/integration.log

    step "integration tests in a multi-root workspace"
    bash scripts/run-vscode-tests.sh --multi-root 2>&1 | tee test-results/integration-multiroot.log
    count_from test-results/integration-multiroot.log

    step "integration tests in the web worker extension host (the browser bundle, as on vscode.dev)"
    bash scripts/run-vscode-tests.sh --web 2>&1 | tee test-results/integration-web.log
    count_from test-results/integration-web.log

    if [ -f scripts/test-vsix.sh ]; then
      step "packaged .vsix installs into VS Code and activates"
      bash scripts/test-vsix.sh 2>&1 | tee test-results/vsix.log
      count_from test-results/vsix.log
    fi

    if [ -f scripts/run-e2e.sh ]; then
      step "end-to-end through the workbench UI"
      bash scripts/run-e2e.sh 2>&1 | tee test-results/e2e.log
      count_from test-results/e2e.log
    fi
  else
    echo "could not install the VS Code host"
    add 0 1
  fi
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
