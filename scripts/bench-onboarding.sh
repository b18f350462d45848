#!/usr/bin/env bash
# The organisation import benchmark (issue: province onboarding). Release build.
#   1. a workbook of 300 units, 60 positions with 40 catalog tasks each and 5,000 people:
#      `rubric import org --dry-run`, then the apply, then the same file again (no change),
#      on SQLite and PostgreSQL — wall time and peak RSS of each;
#   2. a file of at least 20 MB whose very last catalog row is bad: the import reports the
#      cell, exits 1 and writes nothing (the counts of units, users and catalog items are
#      compared before and after).
# Usage: scripts/bench-onboarding.sh [PEOPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-5000}
cargo build --release -q -p server
BIN=$PWD/target/release/rubric
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$BIN" gen-org "$dir/org.xlsx" --units 300 --positions 60 --people "$PEOPLE" --tasks 40
"$BIN" gen-org "$dir/big.xlsx" --units 300 --positions 60 --people "$PEOPLE" --tasks 40 --min-mb 20 --bad-last-row

timed() {
  local label=$1; shift
  /usr/bin/time -f "$label: wall %e s, peak RSS %M KB" "$@" > "$dir/out.txt" 2> "$dir/err.txt" || true
  tail -1 "$dir/out.txt"
  grep -E "wall .* s, peak RSS" "$dir/err.txt"
}

counts() {
  case $1 in
    sqlite) for t in units users catalog_items; do sqlite3 "$2" "select count(*) from $t"; done | paste -sd' ' ;;
    postgres) for t in units users catalog_items; do psql "$2" -tAc "select count(*) from $t"; done | paste -sd' ' ;;
  esac
}

run() {
  local label=$1 url=$2 kind=$3 target=$4
  "$BIN" --log warn --database-url "$url" migrate >/dev/null
  timed "$label dry run" "$BIN" --log warn --database-url "$url" import org "$dir/org.xlsx" --dry-run
  timed "$label apply" "$BIN" --log warn --database-url "$url" import org "$dir/org.xlsx" --codes "$dir/codes.csv"
  timed "$label again (no change)" "$BIN" --log warn --database-url "$url" import org "$dir/org.xlsx" --codes "$dir/codes2.csv"
  local before after
  before=$(counts "$kind" "$target")
  echo "$label big file: $(stat -c %s "$dir/big.xlsx") bytes"
  timed "$label big file with a bad last row" "$BIN" --log warn --database-url "$url" import org "$dir/big.xlsx" --codes "$dir/codes3.csv"
  grep -m2 -E "^lỗi" "$dir/out.txt" || true
  after=$(counts "$kind" "$target")
  if [ "$before" = "$after" ]; then
    echo "$label big file: nothing written (units users catalog_items: $after)"
  else
    echo "$label big file: WRITTEN — before $before, after $after"; exit 1
  fi
}

run sqlite "sqlite://$dir/bench.db?mode=rwc" sqlite "$dir/bench.db"
PG=${RUBRIC_BENCH_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench_org' && psql "$PG" -qc 'CREATE DATABASE rubric_bench_org'; then
  run postgres "${PG%/*}/rubric_bench_org" postgres "${PG%/*}/rubric_bench_org"
  psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench_org' || true
else
  echo "!!! PostgreSQL SKIPPED: cannot create database rubric_bench_org via $PG"
fi
