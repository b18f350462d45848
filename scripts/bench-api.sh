#!/usr/bin/env bash
# The integration API's ingestion benchmark (issue: integration API). Release build.
# On SQLite and PostgreSQL: the demo province, four API clients (one token each, the whole
# province), 100,000 entries in batches of 1,000 sent by the four at once
# (scripts/bench_api.py): wall time, entries per second, per-batch p50/p99, the server's
# peak RSS, and the number of entries stored (must be exactly 100,000).
# Usage: scripts/bench-api.sh [ENTRIES]
#   RUBRIC_BENCH_ONLY=sqlite|postgres runs one backend; RUBRIC_BENCH_STATEMENTS=1 prints
#   PostgreSQL's ten most expensive statements of the run (needs pg_stat_statements loaded);
#   RUBRIC_BENCH_BIN uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${1:-100000}
ONLY=${RUBRIC_BENCH_ONLY:-}
if [ -n "${RUBRIC_BENCH_BIN:-}" ]; then
  BIN=$RUBRIC_BENCH_BIN   # a binary already built (for a quick look; figures come from release)
else
  cargo build --release -q -p server
  BIN=$PWD/target/release/rubric
fi
dir=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$dir"' EXIT

run() {
  local label=$1 url=$2 count_cmd=$3
  "$BIN" --log warn --database-url "$url" seed-demo >/dev/null
  local tokens=()
  for c in 1 2 3 4; do
    tokens+=("$("$BIN" --log warn --database-url "$url" api-token create --client "bench-$c" \
      --agency khh --scopes entries:write,org:read,catalog:read 2>/dev/null | tail -n 1)")
  done
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  RUBRIC_API_REQUESTS_PER_MINUTE=1000000 "$BIN" --log warn --database-url "$url" serve \
    --addr "127.0.0.1:$port" --site-root "$dir" >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  if [ "$label" = postgres ] && [ -n "${RUBRIC_BENCH_STATEMENTS:-}" ]; then
    psql "$url" -qc 'SELECT pg_stat_statements_reset()' >/dev/null
  fi
  echo "== $label"
  python3 scripts/bench_api.py --base "http://127.0.0.1:$port/api/v1" \
    --tokens "$(IFS=,; echo "${tokens[*]}")" --entries "$ENTRIES" --batch 1000
  echo "$label server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)"
  kill $server_pid; wait $server_pid 2>/dev/null || true; server_pid=
  echo "$label entries stored through the API: $(eval "$count_cmd")"
}

if [ "$ONLY" != postgres ]; then
  run sqlite "sqlite://$dir/bench.db?mode=rwc" \
    "sqlite3 '$dir/bench.db' 'select count(*) from work_log_entries where api_client_id is not null'"
fi
[ "$ONLY" = sqlite ] && exit 0
PG=${RUBRIC_BENCH_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench_api' && psql "$PG" -qc 'CREATE DATABASE rubric_bench_api'; then
  BENCH_PG="${PG%/*}/rubric_bench_api"
  if [ -n "${RUBRIC_BENCH_STATEMENTS:-}" ]; then
    psql "$BENCH_PG" -qc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null
  fi
  run postgres "$BENCH_PG" \
    "psql '$BENCH_PG' -tAc 'select count(*) from work_log_entries where api_client_id is not null'"
  if [ -n "${RUBRIC_BENCH_STATEMENTS:-}" ]; then
    psql "$BENCH_PG" -c "SELECT calls, round(total_exec_time) AS ms, round(mean_exec_time::numeric, 2) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 10"
  fi
  psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench_api' || true
else
  echo "!!! PostgreSQL SKIPPED: cannot create database rubric_bench_api via $PG"
fi
