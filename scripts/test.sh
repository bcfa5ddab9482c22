#!/usr/bin/env bash
# npm test: every test. Types, unit and integration tests (PGlite always;
# PostgreSQL too when DATABASE_URL is set), then the Playwright journeys in
# Debian's Chromium against a production build.
set -uo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1
  else
    echo "The browser tests need Debian's Chromium: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH), then npm test again."
    exit 1
  fi
fi

log_dir=$(mktemp -d)
status=0

step() { echo; echo "▶ $*"; }

step "types"
# The build leaves the type check to this step when it passed (next.config.ts).
types_checked=0
npx next typegen >/dev/null && npx tsc --noEmit && types_checked=1 || status=1

# The build comes before vitest: the scale-out test (on PostgreSQL) runs two
# instances of it.
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-test}"
step "production build"
# The journeys' servers are the demo (scripts/e2e-server.sh): so is the build's prerendered banner.
ARC_DEMO=1 ARC_TYPES_CHECKED=$types_checked npm run build >"$log_dir/build.log" 2>&1 || { cat "$log_dir/build.log"; echo "build failed"; exit 1; }
tail -n 3 "$log_dir/build.log"
# The build prerenders pages; it must never open (or seed) a database doing so.
if grep -q "^ARC Mobile: .* on the embedded database\|^ARC Mobile: .* on PostgreSQL" "$log_dir/build.log"; then
  grep "^ARC Mobile:" "$log_dir/build.log"; echo "the build opened a database (a page asked for it before its request: app/_lib/page-context.ts)"; status=1
fi

step "unit and integration tests (${DATABASE_URL:+PostgreSQL and }PGlite)"
npx vitest run 2>&1 | tee "$log_dir/vitest.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "journeys in Chromium"
npx playwright test 2>&1 | tee "$log_dir/playwright.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

# One closing line over both runners.
strip() { sed -r 's/\x1b\[[0-9;]*m//g' "$1"; }
vp=$(strip "$log_dir/vitest.log" | grep -E '^ +Tests ' | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
vf=$(strip "$log_dir/vitest.log" | grep -E '^ +Tests ' | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
pp=$(strip "$log_dir/playwright.log" | grep -oE '^ +[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
pf=$(strip "$log_dir/playwright.log" | grep -oE '^ +[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
echo
echo "$((vp + pp)) passed, $((vf + pf)) failed"
exit $status
