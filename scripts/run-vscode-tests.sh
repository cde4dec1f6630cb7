#!/usr/bin/env bash
# Runs the integration suite (test/integration/*.test.ts) inside a real VS Code:
# code-server on 127.0.0.1 (random free port, own process group, throwaway user-data/extensions/
# TMPDIR/XDG folders), its web workbench in headless chromium, the repo's extension loaded as the
# development extension and dist/test/integration/index.js as extensionTestsPath.
# Exit code = the extension host's mocha result; the last line printed is "N passed, M failed";
# the mocha summary is in test-results/integration-results.json.
#
# Usage: bash scripts/run-vscode-tests.sh [--vsix FILE] [--screenshot FILE] [--build] [--multi-root] [--web]
#   --vsix FILE        install this packaged extension (code-server --install-extension) into the
#                      temp extensions dir and run the suite against it instead of the repo root:
#                      extensionDevelopmentPath then points at an empty folder (VS Code will not run
#                      extensionTestsPath without one) so the installed copy is what activates.
#                      Same as env VSCODE_TEST_VSIX=FILE.
#   --screenshot FILE  save a screenshot of the workbench when the run ends (VSCODE_TEST_SCREENSHOT)
#   --build            run `npm run build` first (otherwise dist/extension.js must already exist;
#                      the test bundles are always rebuilt by scripts/build-tests.mjs)
#   --multi-root       the multi-root pass: builds a workspace of three folders in the temp dir
#                      (study-a and study-b, copies of examples/voice-clone-study; clean-pair, a copy
#                      of test/fixtures/pairs/clean) with multi-root.code-workspace listing them,
#                      opens that file, and runs test/integration/*.multiroot.ts instead of
#                      *.test.ts (IMPACT_NOTES_TEST_SUFFIX=.multiroot.js). Its summary goes to
#                      test-results/integration-multiroot-results.json. Same as VSCODE_TEST_MULTI_ROOT=1.
#   --web              the web worker pass: the extension's `browser` entry (dist/web/extension.js)
#                      and the web tests (test/web/*.test.ts, bundled into dist/web/test/index.js
#                      with mocha's browser build) run in VS Code's web worker extension host, as on
#                      vscode.dev (payload extensionDevelopmentKind=web), on the example workspace.
#                      MOCHA_GREP does not reach the worker. Summary in
#                      test-results/integration-web-results.json. Same as VSCODE_TEST_WEB=1.
# Env:
#   VSCODE_TEST_WORKSPACE  folder to open (default examples/voice-clone-study); it is always COPIED
#                          into a temp dir first, so tests may modify files freely. A .code-workspace
#                          file opens that workspace: its whole folder is copied, so the folders it
#                          lists must be relative paths inside it
#   VSCODE_TEST_EXTENSION_PATH  extensionDevelopmentPath (default: the repo root); to test the
#                          harness itself with a throwaway probe extension
#   VSCODE_TEST_TIMEOUT_MS deadline for the whole suite run (default 900000 = 15 min)
#   VSCODE_HOST_DIR        where scripts/setup-vscode-host.sh installed code-server and Node 24
#   MOCHA_GREP             only run tests whose full title matches this regex
#   KEEP_VSCODE_TEST_TMP=1 keep the temp dir (server log, workspace copy) for debugging
#   VERBOSE=1              print the whole workbench log and the server log (2: also the raw
#                          browser console)
# Inside the extension host the tests can read VSCODE_TEST_MODE (dev|vsix),
# VSCODE_TEST_EXTENSIONS_DIR and IMPACT_NOTES_TEST_RESULTS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WB="$ROOT/test/integration/workbench.js"
RESULTS="$ROOT/test-results/integration-results.json"
VSIX=${VSCODE_TEST_VSIX:-}
SCREENSHOT=${VSCODE_TEST_SCREENSHOT:-}
BUILD=0
MULTI_ROOT=${VSCODE_TEST_MULTI_ROOT:-0}
WEB=${VSCODE_TEST_WEB:-0}

die() { echo "run-vscode-tests: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --vsix) [ $# -ge 2 ] || die "--vsix needs a file"; VSIX=$2; shift 2 ;;
    --vsix=*) VSIX=${1#--vsix=}; shift ;;
    --screenshot) [ $# -ge 2 ] || die "--screenshot needs a file"; SCREENSHOT=$2; shift 2 ;;
    --screenshot=*) SCREENSHOT=${1#--screenshot=}; shift ;;
    --build) BUILD=1; shift ;;
    --multi-root) MULTI_ROOT=1; shift ;;
    --web) WEB=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

node "$WB" check >&2 || die "the VS Code host is not ready (see above)"
if [ -n "$VSIX" ]; then
  [ -f "$VSIX" ] || die "vsix not found: $VSIX"
  VSIX=$(cd "$(dirname "$VSIX")" && pwd)/$(basename "$VSIX")
fi
[ -z "$SCREENSHOT" ] || SCREENSHOT=$(mkdir -p "$(dirname "$SCREENSHOT")" && cd "$(dirname "$SCREENSHOT")" && pwd)/$(basename "$SCREENSHOT")

WS_SRC=${VSCODE_TEST_WORKSPACE:-$ROOT/examples/voice-clone-study}
[ "$WEB" != 1 ] || [ -z "$VSIX$([ "$MULTI_ROOT" = 1 ] && echo x)" ] || die "--web runs on its own (not with --vsix or --multi-root)"
[ "$WEB" != 1 ] || RESULTS="$ROOT/test-results/integration-web-results.json"
if [ "$MULTI_ROOT" = 1 ]; then
  export IMPACT_NOTES_TEST_SUFFIX=.multiroot.js   # read by index.ts in the extension host
  RESULTS="$ROOT/test-results/integration-multiroot-results.json"
elif [[ "$WS_SRC" == *.code-workspace ]]; then
  [ -f "$WS_SRC" ] || die "workspace file not found: $WS_SRC"
else
  [ -d "$WS_SRC" ] || die "workspace folder not found: $WS_SRC (set VSCODE_TEST_WORKSPACE)"
fi

# ---- build -------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then (cd "$ROOT" && npm run --silent build) || die "npm run build failed"; fi
EXT_PATH=${VSCODE_TEST_EXTENSION_PATH:-$ROOT}
if [ -z "$VSIX" ]; then
  [ -f "$EXT_PATH/package.json" ] || die "no extension manifest at $EXT_PATH/package.json"
  MAIN=$(node -p 'require(process.argv[1]).main || ""' "$EXT_PATH/package.json")
  [ -n "$MAIN" ] && [ -f "$EXT_PATH/$MAIN" ] || die "extension entry '$MAIN' not built in $EXT_PATH; run npm run build (or pass --build)"
  if [ "$WEB" = 1 ]; then
    BROWSER=$(node -p 'require(process.argv[1]).browser || ""' "$EXT_PATH/package.json")
    [ -n "$BROWSER" ] && [ -f "$EXT_PATH/$BROWSER" ] || die "browser entry '$BROWSER' not built in $EXT_PATH; run npm run build (or pass --build)"
  fi
fi
if [ "$WEB" = 1 ]; then
  (cd "$ROOT" && node scripts/build.mjs --only web-tests >/dev/null) || die "bundling the web tests failed"
  TESTS_ENTRY="$ROOT/dist/web/test/index.js"
else
  node "$ROOT/scripts/build-tests.mjs" >/dev/null || die "bundling the integration tests failed"
  TESTS_ENTRY="$ROOT/dist/test/integration/index.js"
fi

# ---- temp dirs, workspace copy -------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/impact-notes-vscode-test.XXXXXX")
CS_PID=
RUNNER_PID=
cleanup() {
  if [ -n "$RUNNER_PID" ]; then
    kill -TERM "$RUNNER_PID" 2>/dev/null || true   # run-in-browser.js closes chromium, then exits
    for _ in $(seq 1 50); do kill -0 "$RUNNER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$RUNNER_PID" 2>/dev/null || true
  fi
  if [ -n "$CS_PID" ]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  [ -n "${KEEP_VSCODE_TEST_TMP:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$TMP/workspace"
if [ "$MULTI_ROOT" = 1 ]; then
  # Three folders side by side, none inside another; the workspace file lists them by relative path.
  MR="$TMP/workspace/multi-root"
  mkdir -p "$MR"
  cp -a "$ROOT/examples/voice-clone-study" "$MR/study-a"
  cp -a "$ROOT/examples/voice-clone-study" "$MR/study-b"
  cp -a "$ROOT/test/fixtures/pairs/clean" "$MR/clean-pair"
  printf '{\n  "folders": [{ "path": "study-a" }, { "path": "study-b" }, { "path": "clean-pair" }],\n  "settings": {}\n}\n' > "$MR/multi-root.code-workspace"
  WS="$MR/multi-root.code-workspace"
  OPEN=(--workspace "$WS")
elif [[ "$WS_SRC" == *.code-workspace ]]; then
  WS_DIR_SRC=$(cd "$(dirname "$WS_SRC")" && pwd)
  cp -a "$WS_DIR_SRC" "$TMP/workspace/$(basename "$WS_DIR_SRC")"
  WS="$TMP/workspace/$(basename "$WS_DIR_SRC")/$(basename "$WS_SRC")"
  OPEN=(--workspace "$WS")
else
  WS="$TMP/workspace/$(basename "$WS_SRC")"
  cp -a "$WS_SRC" "$WS"
  OPEN=(--folder "$WS")
fi

# workbench.js writes settings.json/config.yaml and prints the server command line, env included
# (one definition shared with the e2e helper). Port 0: the server picks a free port and logs it;
# wait-ready reads it from the log and polls /healthz with a deadline.
# The web pass makes the extension under development a web extension through the user setting
# remote.extensionKind (["web"]): VS Code 1.139's web workbench reads extensionDevelopmentKind from
# the URL payload but does not apply it when it places extensions (run-in-browser.js passes it too).
SETTINGS='{}'
[ "$WEB" != 1 ] || SETTINGS='{"remote.extensionKind":{"impact-notes.impact-notes":["web"]}}'
node "$WB" server-argv "$TMP/server" 0 "$SETTINGS" > "$TMP/argv" || die "could not prepare the server"
mapfile -d '' -t CS_ARGV < "$TMP/argv"

if [ -n "$VSIX" ]; then
  echo "run-vscode-tests: installing $(basename "$VSIX")" >&2
  node "$WB" install-vsix "$TMP/server" "$VSIX" >&2 || die "installing $VSIX failed"
  MODE=vsix
  DEV_PATH="$TMP/no-dev-extension"   # empty: the installed extension is the one that runs
  mkdir -p "$DEV_PATH"
else
  MODE=dev
  DEV_PATH=$EXT_PATH
fi

# Each run writes its own results file, copied to test-results/ at the end: runs started by other
# people in the same tree at the same time must not read or delete each other's summary.
RUN_RESULTS="$TMP/integration-results.json"
mkdir -p "$ROOT/test-results"

# ---- server ------------------------------------------------------------------------------------
# Without job control a background child stays in this shell's process group, so it is not a group
# leader and setsid need not fork: $! is the server's pid and also the id of its new session and
# process group, which cleanup() kills (the server never exits on its own).
# CS_ARGV starts with `env TMPDIR=... XDG_*=...` (temp dirs) and env execs in place too.
VSCODE_TEST_MODE=$MODE VSCODE_TEST_EXTENSIONS_DIR="$TMP/server/extensions" IMPACT_NOTES_TEST_RESULTS=$RUN_RESULTS \
  setsid "${CS_ARGV[@]}" > "$TMP/server.log" 2>&1 < /dev/null &
CS_PID=$!
SERVER_URL=$(node "$WB" wait-ready "$TMP/server.log" "$CS_PID" 60000) || die "code-server did not start"
[ "$WEB" != 1 ] || MODE="$MODE, web worker"
echo "run-vscode-tests: code-server at $SERVER_URL ($MODE mode, workspace $(basename "$WS"))" >&2

# ---- run ---------------------------------------------------------------------------------------
args=(--server "$SERVER_URL" "${OPEN[@]}" --tests "$TESTS_ENTRY" --dev "$DEV_PATH")
[ "$WEB" != 1 ] || args+=(--web --results "$RUN_RESULTS")
[ -z "$SCREENSHOT" ] || args+=(--screenshot "$SCREENSHOT")
# In the background + wait, so that a TERM/INT sent to this script is handled at once (bash defers
# traps while a foreground child runs); cleanup() then stops the browser runner too.
rc=0
node "$ROOT/test/integration/run-in-browser.js" "${args[@]}" &
RUNNER_PID=$!
wait "$RUNNER_PID" || rc=$?
RUNNER_PID=
[ -z "${VERBOSE:-}" ] || { echo "---- server log"; cat "$TMP/server.log"; } >&2
[ -z "${KEEP_VSCODE_TEST_TMP:-}" ] || echo "run-vscode-tests: keeping $TMP (server.log, workspace copy)" >&2

# ---- summary (must stay the last line) -------------------------------------------------------------
if [ ! -f "$RUN_RESULTS" ]; then
  # Timeout, crash or a harness error: record that instead of leaving an older run's summary around.
  echo "run-vscode-tests: no results from the extension host (it did not finish the suite)" >&2
  [ "$rc" -ne 0 ] || rc=1
  node -e '
    const [file, rc] = process.argv.slice(1);
    const error = `the extension host did not finish the suite (run-in-browser exit code ${rc}); see the log above`;
    require("fs").writeFileSync(file, JSON.stringify({ passes: 0, failures: 1, pending: 0, passed: [],
      failed: [{ title: "(integration suite did not finish)", error }], finished: new Date().toISOString() }, null, 2) + "\n");' \
    "$RUN_RESULTS" "$rc"
fi
cp "$RUN_RESULTS" "$RESULTS.$$.tmp" && mv -f "$RESULTS.$$.tmp" "$RESULTS"
summary=$(node -e '
  const r = require(process.argv[1]);
  for (const f of r.failed) console.log(`FAILED: ${f.title}\n  ${String(f.error).split("\n")[0]}`);
  console.log(`${r.passes} passed, ${r.failures} failed`);' "$RUN_RESULTS") || summary="0 passed, 1 failed"
# A failure count in the summary always fails the run, whatever the extension host's exit code was.
[ "$rc" -ne 0 ] || ! grep -q ', [1-9][0-9]* failed$' <<<"$summary" || rc=1
echo "$summary"
exit "$rc"
