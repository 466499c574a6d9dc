#!/usr/bin/env bash
# The main job: the sync server with its embedded SQLite storage, serving the example workshop page.
#   npm start                 (or: bash scripts/start.sh)
# Options pass through to coproduce-server, e.g. `npm start -- --port 8080 --data /srv/coproduce`.
#
# Tokens are on: the server signs them with COPRODUCE_SECRET or the secret file it creates in the
# data directory on first start. After starting it prints two links for the room
# ${COPRODUCE_ROOM:-high-street}: a facilitator link (keep it) and a participant link (share it;
# each person who opens it picks a name). Open the facilitator link first: it sets the board up.
# For an open server without tokens (local development only): `npm start -- --auth none`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
log "building the example workshop page"
pnpm --filter @coproduce/example-workshop run build >&2
exec node packages/server/bin/coproduce-server.js serve \
  --data "${COPRODUCE_DATA:-.data}" \
  --static examples/workshop/dist \
  --port "${PORT:-1234}" \
  --print-links "${COPRODUCE_ROOM:-high-street}" \
  "$@"
