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
  # A fresh database on the server for this run, so reruns start clean.
  DATABASE_URL=$(node -e '
    const pg = require("pg");
    const url = new URL(process.env.DATABASE_URL);
    const name = "arc_e2e_" + require("crypto").randomBytes(4).toString("hex");
    const c = new pg.Client({ connectionString: url.toString() });
    c.connect().then(() => c.query("create database " + name)).then(() => c.end()).then(() => {
      url.pathname = "/" + name; console.log(url.toString());
    }).catch((e) => { console.error(e.message); process.exit(1); });')
  export DATABASE_URL
  export ARC_DATA_KEY="${ARC_DATA_KEY:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')}"
  # The ES256 key that signs presentation tokens (required on PostgreSQL).
  export ARC_SIGNING_KEY="${ARC_SIGNING_KEY:-$(node -e 'console.log(JSON.stringify(require("crypto").generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" })))')}"
  # The Ed25519 key that signs audit checkpoints (required on PostgreSQL).
  export ARC_AUDIT_KEY="${ARC_AUDIT_KEY:-$(node -e 'console.log(JSON.stringify(require("crypto").generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" })))')}"
fi
# Where this run's database is, for journeys that check it from outside the
# server (e2e/hardening-audit.spec.ts runs npm run audit:verify against it).
(umask 077 && printf 'ARC_DATA_DIR=%s\nDATABASE_URL=%s\n' "$ARC_DATA_DIR" "${DATABASE_URL:-}" > "/tmp/arc-e2e-${port}.env")
export NODE_ENV=production PORT="$port" NEXT_DIST_DIR="$dist"
# The server's log, kept for the journey that searches it for personal data
# (e2e/hardening-privacy.spec.ts) as well as passed on to Playwright.
exec > >(tee "/tmp/arc-e2e-${port}.log") 2>&1
exec npx tsx scripts/server.ts
