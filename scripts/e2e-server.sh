#!/usr/bin/env bash
# Serves the production build for the journeys on a fresh embedded database
# (or on DATABASE_URL when set), with a small synthetic population.
set -euo pipefail
port="${1:-3100}"
cd "$(dirname "$0")/.."
dist="${NEXT_DIST_DIR:-.next}"
if [ ! -f "$dist/BUILD_ID" ]; then
  echo "e2e-server: no build in $dist; run npm run build first" >&2
  exit 1
fi
export ARC_DATA_DIR="${E2E_DATA_DIR:-$(mktemp -d /tmp/arc-e2e-XXXXXX)}"
export ARC_SEED_RESIDENTS="${ARC_SEED_RESIDENTS:-2000}"
export ARC_ORIGINS="http://localhost:${port}"
export ARC_DEMO=1
if [ -n "${DATABASE_URL:-}" ]; then
  export ARC_DATA_KEY="${ARC_DATA_KEY:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')}"
fi
exec npx next start -p "$port"
