#!/usr/bin/env bash
# `pnpm bench`: set up, then run every benchmark (or those named) and write bench-results/results.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser
cd "$ROOT"
exec node scripts/bench.mjs "$@"
