#!/usr/bin/env bash
# Packages the extension (npm run package -> impact-notes.vsix), installs the .vsix into a throwaway
# code-server and runs the packaged-extension checks plus the diagnostics suite against the
# installed copy (scripts/run-vscode-tests.sh --vsix). The last line is "N passed, M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if ! npm run -s package >test-results/package.log 2>&1; then
  cat test-results/package.log >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "test-vsix: packaged $(du -h impact-notes.vsix | cut -f1) impact-notes.vsix ($(unzip -l impact-notes.vsix | tail -1 | awk '{print $2}') files)" >&2
# The test bundles are rebuilt by run-vscode-tests.sh; the extension under test is the installed VSIX.
MOCHA_GREP=${MOCHA_GREP:-'packaged extension|extension core: diagnostics'} \
  exec bash scripts/run-vscode-tests.sh --vsix "$ROOT/impact-notes.vsix"
