#!/usr/bin/env bash
# `npm start`: install what is missing, package the extension, and open the example research
# project in a real VS Code (code-server on 127.0.0.1) with the extension installed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/setup-vscode-host.sh
npm run -s package >/dev/null
exec node scripts/start.js
