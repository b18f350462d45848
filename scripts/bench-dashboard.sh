#!/usr/bin/env bash
# The committee dashboard's and the monthly report's benchmark: generate a province-month
# (default 20,000 officers) into a fresh database, score it (which stores the period's
# figures), then time the dashboard's figures and the report workbook with
# `rubric report monthly` (five runs: the first reads a cold cache), on SQLite and on
# PostgreSQL. Release build. Usage: scripts/bench-dashboard.sh [OFFICERS]
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${1:-20000}
cargo build --release -q -p server
BIN=target/release/rubric
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

run() {
  local label=$1 url=$2
  echo "== $label: generating $OFFICERS officers and scoring 2025-05"
  "$BIN" --log warn --database-url "$url" gen-province --officers "$OFFICERS"
  /usr/bin/time -f "$label: scoring wall %e s, peak RSS %M KB" \
    "$BIN" --log warn --database-url "$url" score --period 2025-05
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "$label: report run $i: wall %e s (process start included), peak RSS %M KB" \
      "$BIN" --log warn --database-url "$url" report monthly --period 2025-05 --to "$dir/report.xlsx"
  done
}

run sqlite "sqlite://$dir/bench.db"
PG=${RUBRIC_BENCH_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' && psql "$PG" -qc 'CREATE DATABASE rubric_bench'; then
  run postgres "${PG%/*}/rubric_bench"
  psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' || true
else
  echo "!!! PostgreSQL SKIPPED: cannot create database rubric_bench via $PG"
fi
