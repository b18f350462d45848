#!/usr/bin/env bash
# The committee dashboard's and the monthly report's benchmark: generate a province-month
# (default 20,000 officers) into a fresh database, score it and the eleven months before (which
# stores each period's figures), then time the dashboard's figures and the report workbook with
# `rubric report monthly` (five runs: the first reads a cold cache) and the first agency's
# classification list with `rubric report classification` (three runs), on SQLite and on
# PostgreSQL. Release build. Usage: scripts/bench-dashboard.sh [OFFICERS] [MONTHS (1-12)]
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${1:-20000}
MONTHS=${2:-12}
cargo build --release -q -p server
BIN=target/release/rubric
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

run() {
  local label=$1 url=$2
  echo "== $label: generating $OFFICERS officers and scoring 2025-05"
  "$BIN" --log warn --database-url "$url" gen-province --officers "$OFFICERS"
  # The generator's formula is in force from 2025-05: move it back to 2024-06 (bench only).
  local move_back="UPDATE rule_set_versions SET effective_from = '2024-06-01' WHERE effective_from IS NOT NULL"
  case $url in
    sqlite://*) sqlite3 "${url#sqlite://}" "$move_back" ;;
    *) psql -q "$url" -c "$move_back" ;;
  esac
  # The eleven months before: scored too (the generator logs only 2025-05, so their
  # officers are not scored for want of entries), so the dashboard's trend and every
  # query run over 12 months of stored scores.
  local earlier=(2024-06 2024-07 2024-08 2024-09 2024-10 2024-11 2024-12 2025-01 2025-02 2025-03 2025-04)
  for m in "${earlier[@]:$((11 - MONTHS + 1))}"; do
    /usr/bin/time -f "$label: scoring $m wall %e s" \
      "$BIN" --log warn --database-url "$url" score --period "$m"
  done
  /usr/bin/time -f "$label: scoring 2025-05 wall %e s, peak RSS %M KB" \
    "$BIN" --log warn --database-url "$url" score --period 2025-05
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "$label: report run $i: wall %e s (process start included), peak RSS %M KB" \
      "$BIN" --log warn --database-url "$url" report monthly --period 2025-05 --to "$dir/report.xlsx"
  done
  for i in 1 2 3; do
    /usr/bin/time -f "$label: classification list run $i: wall %e s, peak RSS %M KB" \
      "$BIN" --log warn --database-url "$url" report classification --period 2025-05 --to "$dir/list.xlsx"
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
