#!/usr/bin/env bash
# The web performance benchmark (issue: fast on a phone, fast under load). Release build,
# SQLite, the demo province, on this machine:
#  1. the officer's first visit to the diary: the bytes the browser downloads for the HTML,
#     the JS, the wasm and the CSS, as sent to a browser that accepts br and gzip, and the
#     same uncompressed; the response headers of each (Content-Encoding, Cache-Control);
#  2. time to interactive of the diary (until the app says it is hydrated) in Chromium
#     throttled to 1.6 Mbps / 150 ms RTT through the DevTools protocol (end2end/bench-tti.mjs),
#     on a cold cache, median of 3;
#  3. requests per second and latency at 100 concurrent connections (wrk, 2 threads, 10 s
#     each) for /healthz, the sign-in page, the home page, the diary, the review queue and
#     "my score" (signed in), all in the same run;
#  4. the server's RSS after the load.
# Usage: scripts/bench-web.sh          (builds the release site first)
#   RUBRIC_BENCH_NO_BUILD=1            uses the site and binary already built
#   RUBRIC_BENCH_SECONDS=N             seconds per load run (default 10)
#   RUBRIC_BENCH_BIN / RUBRIC_BENCH_SITE  another build's binary and site (before/after runs)
#   RUBRIC_BENCH_LOAD_ONLY=1           only parts 3 and 4 (the server's cost; no site needed)
#   RUBRIC_BENCH_SITE_ONLY=1           only parts 1 and 2 (what the browser downloads and waits
#                                      for: two sites compared with one server binary)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
[ -f .tools/env.sh ] && source .tools/env.sh
if [ -z "${RUBRIC_BENCH_NO_BUILD:-}" ]; then
  cargo leptos build --release --split
fi
BIN=${RUBRIC_BENCH_BIN:-$PWD/target/release/rubric}
SITE=${RUBRIC_BENCH_SITE:-$PWD/target/site}
SECONDS_EACH=${RUBRIC_BENCH_SECONDS:-10}
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install -y wrk" >&2
  exit 1
fi
dir=
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; [ -n "$dir" ] && rm -rf "$dir"' EXIT
# shellcheck source=lib/demo-server.sh
source scripts/lib/demo-server.sh
start_demo_server "$BIN" "$SITE"

# A signed-in officer and a head: their session cookies.
officer=$(sign_in cb.snv.tccb.02)
head=$(sign_in tp.snv.tccb)
month=$(date -d "$(date +%Y-%m-01) -2 months" +%Y-%m)

if [ -z "${RUBRIC_BENCH_LOAD_ONLY:-}" ]; then
echo "== 1. The officer's first visit to the diary (bytes on the wire)"
first_visit "$officer" || echo "  (skipped: the server has no built site)"

echo "== 2. Time to interactive of the diary, 1.6 Mbps / 150 ms RTT (median of 3, cold cache)"
if [ -d end2end/node_modules/@playwright/test ]; then
  (cd end2end && node bench-tti.mjs "$base" cb.snv.tccb.02 /can-bo) || echo "  (the TTI measurement failed)"
  echo "   … and of my score, a lazily loaded page (its chunk is fetched before it hydrates)"
  (cd end2end && node bench-tti.mjs "$base" cb.snv.tccb.02 "/can-bo/diem?ky=$month") || echo "  (the TTI measurement failed)"
else
  echo "  skipped: end2end/node_modules is not installed (scripts/setup.sh installs it)"
fi
fi

[ -n "${RUBRIC_BENCH_SITE_ONLY:-}" ] && exit 0

echo "== 3. Load: 100 connections, 2 threads, ${SECONDS_EACH} s each"
load() {
  local label=$1 path=$2 cookie=${3:-}
  local args=(-t2 -c100 -d"${SECONDS_EACH}s" --latency)
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  local out
  out=$(wrk "${args[@]}" "$base$path")
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '  %-28s %10s req/s   p99 %8s   %s\n' "$label" "$rps" "$p99" "${non2xx:+non-2xx: $non2xx}"
}
load "/healthz" /healthz
load "sign-in page" /dang-nhap
load "home" /
load "diary (officer)" /can-bo "$officer"
load "review queue (head)" /duyet "$head"
load "my score (officer)" "/can-bo/diem?ky=$month" "$officer"

echo "== 4. Server memory"
echo "  RSS after the load: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status), peak $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)"
