#!/usr/bin/env bash
# The download-size guard (CI): starts the built server on a fresh SQLite database with the
# demo province, signs an officer in and adds up the bytes a browser accepting br and gzip
# downloads on its first visit to the diary (HTML, CSS, JS, wasm). Fails when the total is
# over the budget, so that the officer's download cannot grow unseen.
# Usage: scripts/size-guard.sh [debug|release]     (default: debug, the build CI makes)
#   The budgets, in KiB of compressed bytes (the wasm is split: `cargo leptos build --split`;
#   the diary runs on the main wasm, the other pages' code comes in chunks when opened):
#     release  RUBRIC_SIZE_BUDGET_KB, default 341 (349 184 bytes: the issue's 350 KB). Measured
#              322 on 2026-12-05 after the messages, the glossary and the notices left the main
#              wasm and the diary's forms stopped reading their fields in the browser; 401
#              before that, 586 before every page but the diary was lazy, 1 716 before the
#              lazy routes
#     debug    RUBRIC_SIZE_BUDGET_KB, default 1 400 (an unoptimised wasm: measured 1 276 on
#              2026-12-05, the main wasm 8,0 MB raw; 1 407 and 1 670 before, 3 212 before the
#              split. It is built from the same code as the release one, so growth shows here
#              too)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-debug}
case $profile in
  debug) budget=${RUBRIC_SIZE_BUDGET_KB:-1400} ;;
  release) budget=${RUBRIC_SIZE_BUDGET_KB:-341} ;;
  *) echo "usage: $0 [debug|release]" >&2; exit 2 ;;
esac
BIN=$PWD/target/$profile/rubric
SITE=$PWD/target/site
[ -x "$BIN" ] || { echo "no $BIN: build the site first (cargo leptos build --split)" >&2; exit 2; }
dir=
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; [ -n "$dir" ] && rm -rf "$dir"' EXIT
# shellcheck source=lib/demo-server.sh
source scripts/lib/demo-server.sh
start_demo_server "$BIN" "$SITE"
echo "The officer's first visit to the diary ($profile build), bytes on the wire:"
first_visit "$(sign_in cb.snv.tccb.02)"
kb=$((total_sent / 1024))
if [ "$kb" -gt "$budget" ]; then
  echo "SIZE GUARD FAILED: $kb KiB sent, over the $profile budget of $budget KiB"
  exit 1
fi
echo "size guard passed: $kb KiB sent, within the $profile budget of $budget KiB"
