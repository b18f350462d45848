#!/usr/bin/env bash
# The Playwright specs in Debian's Chromium against a freshly started server with a fresh
# SQLite database holding the demo province. Arguments go to `playwright test` (a spec file,
# --project closing, --grep …). By hand it builds first, as scripts/test.sh does (the server
# binary of `cargo test`'s build and the front end: scripts/lib/debug-build.sh; a server built
# with other flags cannot hydrate that front end); scripts/test.sh has just built and passes
# --no-build. Exits with Playwright's status.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
[ -f .tools/env.sh ] && source .tools/env.sh
# shellcheck source=scripts/lib/debug-build.sh
source scripts/lib/debug-build.sh
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  debug_site
fi
logs=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dbdir=$(mktemp -d)
RUBRIC_DATABASE_URL="sqlite://$dbdir/e2e.db" target/debug/rubric serve \
  --addr "127.0.0.1:$port" --site-root target/site --seed-demo >"$logs/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$dbdir" "$logs"' EXIT
status=0
(cd end2end && RUBRIC_BASE_URL="http://127.0.0.1:$port" npx playwright test "$@") || status=$?
kill $server_pid 2>/dev/null || true
wait $server_pid 2>/dev/null || true
if [ $status -ne 0 ]; then
  echo "--- server log"; tail -50 "$logs/server.log"
fi
exit $status
