#!/usr/bin/env bash
# End-to-end checks through the VS Code workbench UI (test/e2e/*.e2e.js, plain Node, not inside
# the extension host). Each file opens the example project in code-server + headless chromium with
# the repository's extension loaded (test/integration/workbench.js) and uses Quick Open, the command
# palette, the Problems panel, the Impact Notes view, webviews... as a person would. Screenshots
# go to test-results/.
#   - mocha files (they call describe/it) run in one mocha process, spec output on the console;
#   - stand-alone scripts (no describe) run one after the other with `node FILE` and must print
#     "N passed, M failed" as their last such line.
# The last line printed is the total, "N passed, M failed" (also in test-results/e2e-results.json);
# the exit code is non-zero on any failure.
#
# Usage: bash scripts/run-e2e.sh [--build | --no-build] [--grep PATTERN]
#   --build      always run `npm run build` first
#   --no-build   never build (dist/extension.js must exist)
#   (default)    build when dist/extension.js or dist/cli.js is missing or older than src/ or
#                package.json
#   --grep P     only mocha tests whose full title matches P, and stand-alone scripts whose file
#                name matches P (grep -E)
# Env:
#   E2E_TIMEOUT_S   deadline for the mocha run, and for each stand-alone script (default 1500 s)
#   VSCODE_HOST_DIR, CHROME_BIN, VERBOSE=1   as for test/integration/workbench.js
#   KEEP_VSCODE_TEST_TMP=1   keep this run's temp folder (server logs, workspace copies)
#
# Clean-up: every process of the run (mocha or a script, code-server and its extension host,
# chromium) is started with TMPDIR inside this run's own temp folder. When a step ends, and on
# exit, failure, timeout or a signal, the script stops any process of this user whose environment
# or command line still names that folder (so only processes this run started), and removes it.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=auto
GREP=
TIMEOUT_S=${E2E_TIMEOUT_S:-1500}

die() { echo "run-e2e: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --grep) [ $# -ge 2 ] || die "--grep needs a pattern"; GREP=$2; shift 2 ;;
    --grep=*) GREP=${1#--grep=}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

shopt -s nullglob
SPECS=(test/e2e/*.e2e.js)
shopt -u nullglob
[ ${#SPECS[@]} -gt 0 ] || die "no test/e2e/*.e2e.js files"
MOCHA_SPECS=()
SCRIPTS=()
for f in "${SPECS[@]}"; do
  if grep -qE '^[[:space:]]*(describe|it|suite)\(' "$f"; then
    MOCHA_SPECS+=("$f")
  elif [ -z "$GREP" ] || grep -qE -- "$GREP" <<<"$f"; then
    SCRIPTS+=("$f")
  fi
done
[ ${#MOCHA_SPECS[@]} -eq 0 ] || [ -f node_modules/mocha/bin/mocha.js ] || die "mocha is not installed (npm ci)"
node test/integration/workbench.js check >&2 || die "the VS Code host is not ready (bash scripts/setup-vscode-host.sh)"

# ---- build -------------------------------------------------------------------------------------
if [ "$BUILD" = auto ]; then
  BUILD=0
  for out in dist/extension.js dist/cli.js; do
    if [ ! -f "$out" ] || [ -n "$(find src package.json -newer "$out" -print -quit 2>/dev/null)" ]; then BUILD=1; fi
  done
fi
if [ "$BUILD" = 1 ]; then
  echo "run-e2e: building (npm run build)" >&2
  npm run --silent build >&2 || die "npm run build failed"
fi
[ -f dist/extension.js ] && [ -f dist/cli.js ] || die "dist/extension.js or dist/cli.js missing: run npm run build"

# ---- temp folder and clean-up ----------------------------------------------------------------------
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/impact-notes-e2e.XXXXXX") || die "mktemp failed"
mkdir -p "$E2E_TMP/tmp" "$ROOT/test-results"
rm -f "$ROOT"/test-results/e2e-failure-*.png   # pictures of an earlier run's failures
MOCHA_RESULTS=$E2E_TMP/mocha-results.json
RUN_RESULTS=$E2E_TMP/e2e-results.json
RESULTS=$ROOT/test-results/e2e-results.json
CHILD_PID=
CLEANED=
SUMMARY_PRINTED=

# Pids (not this shell) of this user's processes whose environment or command line names $E2E_TMP.
run_pids() {
  local d pid
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [ "$pid" = "$$" ] || [ "$pid" = "${BASHPID:-}" ] && continue
    [ -O "$d" ] || continue
    if grep -qzF -- "$E2E_TMP" "$d/environ" 2>/dev/null || grep -qzF -- "$E2E_TMP" "$d/cmdline" 2>/dev/null; then
      echo "$pid"
    fi
  done
}

# Stops the running step (if any), then whatever it left behind: servers, browsers.
stop_run() {
  local left _ pid
  if [ -n "$CHILD_PID" ] && kill -0 "$CHILD_PID" 2>/dev/null; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true   # timeout passes it on to the test process
    for _ in $(seq 1 100); do kill -0 "$CHILD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$CHILD_PID" 2>/dev/null || true
  fi
  CHILD_PID=
  mapfile -t left < <(run_pids)
  [ ${#left[@]} -gt 0 ] || return 0
  echo "run-e2e: stopping ${#left[@]} leftover process(es): ${left[*]}" >&2
  for pid in "${left[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    mapfile -t left < <(run_pids)
    [ ${#left[@]} -gt 0 ] || return 0
    sleep 0.1
  done
  for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}

cleanup() {
  [ -z "$CLEANED" ] || return 0
  CLEANED=1
  stop_run
  if [ -n "${KEEP_VSCODE_TEST_TMP:-}" ]; then
    echo "run-e2e: keeping $E2E_TMP" >&2
  else
    rm -rf "$E2E_TMP"
  fi
}
on_exit() {
  local rc=$?
  cleanup
  # Interrupted (signal, or a failure of this script): the last line is still a summary.
  [ -n "$SUMMARY_PRINTED" ] || { echo "run-e2e: interrupted" >&2; echo "0 passed, 1 failed"; }
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_step LABEL CMD...: runs CMD under the deadline with TMPDIR in the run's folder, in the
# background + wait (so that a TERM/INT sent to this script runs the clean-up at once); sets $rc.
# Leftovers are stopped after.
run_step() {
  local label=$1
  shift
  rc=0
  TMPDIR="$E2E_TMP/tmp" E2E_RESULTS="$MOCHA_RESULTS" timeout --signal=TERM --kill-after=20 "$TIMEOUT_S" "$@" &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=
  case $rc in
    124) echo "run-e2e: $label hit its deadline of $TIMEOUT_S s (E2E_TIMEOUT_S)" >&2 ;;
    137) echo "run-e2e: $label was killed (its deadline of $TIMEOUT_S s, then 20 s more, or out of memory)" >&2 ;;
  esac
  stop_run
}

passes=0
failures=0
# One line per failure for the summary (title, first line of the error).
FAILED_LIST=$E2E_TMP/failed.txt
: > "$FAILED_LIST"
t0=$(date +%s)

# ---- mocha files ---------------------------------------------------------------------------------
if [ ${#MOCHA_SPECS[@]} -gt 0 ]; then
  echo "run-e2e: mocha: ${MOCHA_SPECS[*]}" >&2
  mocha_args=(--no-config --no-package --timeout 300000 --reporter "$ROOT/test/e2e/reporter.js")
  [ -z "$GREP" ] || mocha_args+=(--grep "$GREP")
  run_step mocha node node_modules/mocha/bin/mocha.js "${mocha_args[@]}" "${MOCHA_SPECS[@]}"
  echo "run-e2e: mocha exit code $rc after $(( $(date +%s) - t0 )) s" >&2
  if [ -f "$MOCHA_RESULTS" ]; then
    read -r p f < <(node -e 'const r = require(process.argv[1]); console.log(r.passes, r.failures)' "$MOCHA_RESULTS") || { p=0; f=1; }
    node -e 'for (const f of require(process.argv[1]).failed) console.log(`${f.title}\n  ${String(f.error).split("\n")[0]}`)' "$MOCHA_RESULTS" >> "$FAILED_LIST"
    # A crash after the last test (non-zero exit without a failed test) still fails the run.
    if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; echo "(mocha exited with code $rc)" >> "$FAILED_LIST"; fi
  else
    p=0; f=1
    echo "(mocha wrote no results: exit code $rc; crash, timeout or a harness error, see above)" >> "$FAILED_LIST"
  fi
  passes=$((passes + ${p:-0})); failures=$((failures + ${f:-1}))
fi

# ---- stand-alone scripts -------------------------------------------------------------------------
for s in "${SCRIPTS[@]}"; do
  echo "run-e2e: node $s" >&2
  log=$E2E_TMP/$(basename "$s").log
  ts=$(date +%s)
  run_step "$s" bash -c 'node "$1" 2>&1 | tee "$2"; exit "${PIPESTATUS[0]}"' _ "$s" "$log"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" 2>/dev/null | tail -n 1)
  echo "run-e2e: $s exit code $rc after $(( $(date +%s) - ts )) s" >&2
  if [ -n "$line" ]; then
    p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  else
    p=0; f=1
  fi
  [ "$f" -eq 0 ] || echo "$s: $f failed (exit code $rc; see its output above)" >> "$FAILED_LIST"
  passes=$((passes + p)); failures=$((failures + f))
done

# ---- summary (must stay the last line) -------------------------------------------------------------
if [ $((passes + failures)) -eq 0 ] && [ -z "$GREP" ]; then
  failures=1; echo "(no test ran)" >> "$FAILED_LIST"
fi
node -e '
  const fs = require("fs");
  const [out, mocha, failedList, passes, failures] = process.argv.slice(1);
  const m = fs.existsSync(mocha) ? JSON.parse(fs.readFileSync(mocha, "utf8")) : { passed: [], failed: [] };
  fs.writeFileSync(out, JSON.stringify({ passes: +passes, failures: +failures, passed: m.passed, failed: m.failed,
    failedSummary: fs.readFileSync(failedList, "utf8").trim().split("\n").filter(Boolean), finished: new Date().toISOString() }, null, 2) + "\n");' \
  "$RUN_RESULTS" "$MOCHA_RESULTS" "$FAILED_LIST" "$passes" "$failures" || true
[ ! -f "$RUN_RESULTS" ] || { cp "$RUN_RESULTS" "$RESULTS.$$.tmp" && mv -f "$RESULTS.$$.tmp" "$RESULTS"; }
echo "run-e2e: finished in $(( $(date +%s) - t0 )) s" >&2
[ ! -s "$FAILED_LIST" ] || sed 's/^/FAILED: /; s/^FAILED:   /  /' "$FAILED_LIST"
summary="$passes passed, $failures failed"
# Stop leftovers and remove the temp folder now, so that nothing is printed after the summary.
cleanup
SUMMARY_PRINTED=1
echo "$summary"
[ "$failures" -eq 0 ]
