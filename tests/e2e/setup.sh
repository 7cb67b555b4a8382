#!/usr/bin/env bash
# Installs what the browser test (tests/serve_e2e.rs) needs, for .ci/run and developers:
# Debian's Chromium (/usr/bin/chromium) and playwright-core from the npm registry (no browser
# download: playwright-core drives the system Chromium). Idempotent; needs root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    chromium fonts-dejavu-core
fi
if ! command -v node >/dev/null 2>&1; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
npm ci --no-audit --no-fund --loglevel=error
echo "e2e setup: $(chromium --version 2>/dev/null | head -1); node $(node --version); playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version")"
