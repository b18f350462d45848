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
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
[ -f .tools/env.sh ] && source .tools/env.sh
if [ -z "${RUBRIC_BENCH_NO_BUILD:-}" ]; then
  cargo leptos build --release
fi
BIN=$PWD/target/release/rubric
SITE=$PWD/target/site
SECONDS_EACH=${RUBRIC_BENCH_SECONDS:-10}
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install -y wrk" >&2
  exit 1
fi
dir=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$dir"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$BIN" --log warn --database-url "sqlite://$dir/bench.db?mode=rwc" serve \
  --addr "127.0.0.1:$port" --site-root "$SITE" --seed-demo >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.2; done

# A signed-in officer and a head: their session cookies.
session() {
  curl -s -o /dev/null -c "$dir/$1.jar" -H "Origin: $base" -H 'Accept: application/json' \
    --data-urlencode "username=$1" --data-urlencode 'password=Rubric@2025' "$base/api/sign_in"
  awk '$6 == "rubric_session" {print "rubric_session=" $7}' "$dir/$1.jar"
}
officer=$(session cb.snv.tccb.02)
head=$(session tp.snv.tccb)
month=$(date -d "$(date +%Y-%m-01) -2 months" +%Y-%m)

echo "== 1. The officer's first visit to the diary (bytes on the wire)"
curl -s -H "Cookie: $officer" "$base/can-bo" >"$dir/diary.html"
# The HTML names the stylesheet, the JS and the wasm (a modulepreload and a preload).
assets=$(grep -oE '/pkg/[A-Za-z0-9_./-]+\.(js|wasm|css)' "$dir/diary.html" | sort -u)
# The server compresses its assets once, in the background, after it starts: wait for it
# (at most a minute) so that what is measured is what a browser gets from then on.
wasm_path=$(echo "$assets" | grep '\.wasm$' | head -1 || true)
if [ -n "$wasm_path" ]; then
  for _ in $(seq 1 120); do
    curl -s -o /dev/null -D - -H 'Accept-Encoding: br' "$base$wasm_path" | grep -qi '^content-encoding: br' && break
    sleep 0.5
  done
fi
total_c=0
total_u=0
measure() {
  local path=$1 cookie=${2:-}
  local c u
  c=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip' "$base$path")
  u=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" "$base$path")
  local h
  h=$(curl -s -o /dev/null -D - -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip' "$base$path" \
    | tr -d '\r' | { grep -iE '^(content-encoding|cache-control):' || true; } | tr '\n' ' ')
  printf '  %-40s %10s bytes sent, %10s uncompressed   %s\n' "$path" "$c" "$u" "${h:-(no encoding or cache headers)}"
  total_c=$((total_c + c))
  total_u=$((total_u + u))
}
measure /can-bo "$officer"
for a in $assets; do measure "$a"; done
printf '  %-40s %10s bytes sent (%s KB), %10s uncompressed\n' "total" "$total_c" "$((total_c / 1024))" "$total_u"

echo "== 2. Time to interactive of the diary, 1.6 Mbps / 150 ms RTT (median of 3, cold cache)"
if [ -d end2end/node_modules/@playwright/test ]; then
  (cd end2end && node bench-tti.mjs "$base" cb.snv.tccb.02 /can-bo) || echo "  (the TTI measurement failed)"
else
  echo "  skipped: end2end/node_modules is not installed (scripts/setup.sh installs it)"
fi

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
