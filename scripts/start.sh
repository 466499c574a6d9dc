#!/usr/bin/env bash
# The main job: the sync server with its embedded SQLite storage, serving the example workshop page.
#   npm start                 (or: bash scripts/start.sh)
# Options pass through to coproduce-server, e.g. `npm start -- --port 8080 --data /srv/coproduce`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
log "building the example workshop page"
pnpm --filter @coproduce/example-workshop run build >&2
exec node packages/server/bin/coproduce-server.js serve \
  --data "${COPRODUCE_DATA:-.data}" \
  --static examples/workshop/dist \
  --port "${PORT:-1234}" \
  "$@"
