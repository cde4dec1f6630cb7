#!/usr/bin/env bash
# Downloads the audiobook clips listed in data/manifest.csv (not run by the tests).
set -euo pipefail
echo "see data/README.md"
