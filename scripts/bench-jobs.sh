#!/usr/bin/env bash
# The scoring-jobs benchmark (issue 13's figures), release build, on SQLite and PostgreSQL:
#   1. a province-month (default 20,000 officers, ~2.2 M entries) generated into a fresh
#      database, then `rubric score` alone: wall time and peak RSS (one process);
#   2. `rubric serve` started (its worker joins in): /healthz and the home page p99 at 10
#      concurrent clients before, then while `rubric score` re-scores the month (two
#      processes on one job); the wall time, and the check that every officer got exactly one
#      new score version;
#   3. `rubric simulate`: the month with a draft beside the formula in force, results stored.
# Usage: scripts/bench-jobs.sh [OFFICERS]
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${1:-20000}
cargo build --release -q -p server
BIN=$(realpath "${CARGO_TARGET_DIR:-target}")/release/rubric
dir=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

count_versions() { # url → "officers with one version 2, officers with more"
  local url=$1
  local sql="SELECT COUNT(*) FILTER (WHERE n = 1), COUNT(*) FILTER (WHERE n > 1) FROM (SELECT officer_id, COUNT(*) AS n FROM period_scores WHERE score_version = 2 GROUP BY officer_id) t"
  case $url in
    sqlite://*) python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(*c.execute(\"SELECT SUM(n = 1), SUM(n > 1) FROM (SELECT officer_id, COUNT(*) AS n FROM period_scores WHERE score_version = 2 GROUP BY officer_id)\").fetchone())" "${url#sqlite://}" ;;
    *) psql "$url" -Atc "$sql" | tr '|' ' ' ;;
  esac
}

run() {
  local label=$1 url=$2
  echo "== $label: generating $OFFICERS officers"
  "$BIN" --log warn --database-url "$url" gen-province --officers "$OFFICERS"
  echo "== $label: rubric score alone"
  /usr/bin/time -f "$label: one process: wall %e s, peak RSS %M KB" \
    "$BIN" --log warn --database-url "$url" score --period 2025-05
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$BIN" --log warn --database-url "$url" serve --addr "127.0.0.1:$port" --site-root target/site &
  server_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  python3 scripts/latency.py --label "$label before" --clients 10 --seconds 5 \
    "http://127.0.0.1:$port/healthz" "http://127.0.0.1:$port/"
  echo "== $label: rubric score again, with the server's worker joining in"
  /usr/bin/time -f "$label: two processes: wall %e s, peak RSS %M KB (the command)" \
    "$BIN" --log warn --database-url "$url" score --period 2025-05 &
  score_pid=$!
  python3 scripts/latency.py --label "$label during" --clients 10 --until-gone "$score_pid" \
    "http://127.0.0.1:$port/healthz" "http://127.0.0.1:$port/"
  wait "$score_pid"
  read -r once twice <<<"$(count_versions "$url")"
  echo "$label: officers re-scored once: $once, more than once: ${twice:-0}"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "== $label: rubric simulate"
  /usr/bin/time -f "$label: simulation: wall %e s, peak RSS %M KB" \
    "$BIN" --log warn --database-url "$url" simulate --period 2025-05
}

run sqlite "sqlite://$dir/bench.db"
PG=${RUBRIC_BENCH_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' && psql "$PG" -qc 'CREATE DATABASE rubric_bench'; then
  run postgres "${PG%/*}/rubric_bench"
  psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' || true
else
  echo "!!! PostgreSQL SKIPPED: cannot create database rubric_bench via $PG"
fi
