#!/usr/bin/env bash
# Shared set-up for the two commands (start and test). Safe to run again: each step is skipped
# when already done. Usage: source scripts/setup.sh [--browser]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION=12.4.2
# better-sqlite3 compiles from source on these machines; Node's headers live under /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

log() { printf '\033[1m[coproduce]\033[0m %s\n' "$*" >&2; }

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    return
  fi
  log "installing pnpm $PNPM_VERSION"
  npm install --global --silent "pnpm@$PNPM_VERSION" >/dev/null
}

ensure_deps() {
  cd "$ROOT"
  # A stamp of the lockfile avoids re-running the install when nothing changed.
  local stamp="node_modules/.coproduce-lock-stamp"
  if [ -f "$stamp" ] && cmp -s pnpm-lock.yaml "$stamp"; then
    return
  fi
  log "installing dependencies (first run compiles better-sqlite3, about 90 s)"
  pnpm install --frozen-lockfile --reporter=append-only >&2
  cp pnpm-lock.yaml "$stamp"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return
  fi
  log "installing Chromium from Debian's chromium package (about a minute)"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

build() {
  cd "$ROOT"
  log "building TypeScript (tsc -b)"
  pnpm exec tsc -b
}

ensure_pnpm
ensure_deps
if [ "${1:-}" = "--browser" ]; then
  ensure_chromium
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Keep Chromium's profile and config out of the home directory.
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$(mktemp -d)}"
build
