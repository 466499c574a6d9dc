#!/usr/bin/env bash
# Every test: type-check and build, unit and integration tests in Node (vitest), browser tests in
# real Chromium (@web/test-runner), the example page and Storybook builds.
#   npm test                  (or: bash scripts/test.sh)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser || exit 1
cd "$ROOT"
mkdir -p .cache
rm -f .cache/vitest.json .cache/wtr-counts.json

status=0
step() {
  local name="$1"; shift
  log "$name"
  if ! "$@"; then
    log "FAILED: $name"
    status=1
  fi
}

step "type-check of the React example" pnpm exec tsc -p examples/react/tsconfig.json
step "examples build" pnpm --filter "./examples/*" run build
step "Storybook build" pnpm run build-storybook --quiet
step "unit, integration and end-to-end tests (vitest)" \
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json
step "browser tests in Chromium (@web/test-runner)" pnpm exec wtr

# One closing line for the whole run, counting the tests of both runners.
node -e '
const fs = require("node:fs");
let passed = 0, failed = 0;
try { const v = JSON.parse(fs.readFileSync(".cache/vitest.json", "utf8")); passed += v.numPassedTests; failed += v.numFailedTests; } catch { failed++; }
try { const w = JSON.parse(fs.readFileSync(".cache/wtr-counts.json", "utf8")); passed += w.passed; failed += w.failed; } catch { failed++; }
if (process.argv[1] !== "0" && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
' "$status"
exit $status
