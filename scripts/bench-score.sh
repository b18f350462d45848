#!/usr/bin/env bash
# The period-scoring benchmark: generate a province-month (default 20,000 officers,
# ~2.2 M entries, 50 cohorts) into a fresh database, then time `rubric score` over it on
# SQLite and on PostgreSQL: wall time and peak memory, with read/score/write as the command
# reports them. Release build. Usage: scripts/bench-score.sh [OFFICERS]
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${1:-20000}
cargo build --release -q -p server
BIN=target/release/rubric
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

run() {
  local label=$1 url=$2
  echo "== $label: generating $OFFICERS officers"
  "$BIN" --log warn --database-url "$url" gen-province --officers "$OFFICERS"
  echo "== $label: rubric score --period 2025-05"
  /usr/bin/time -f "$label: wall %e s, peak RSS %M KB" "$BIN" --log warn --database-url "$url" score --period 2025-05
}

run sqlite "sqlite://$dir/bench.db"
PG=${RUBRIC_BENCH_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' && psql "$PG" -qc 'CREATE DATABASE rubric_bench'; then
  run postgres "${PG%/*}/rubric_bench"
  psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' || true
else
  echo "!!! PostgreSQL SKIPPED: cannot create database rubric_bench via $PG"
fi
