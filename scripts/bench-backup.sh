#!/usr/bin/env bash
# The backup benchmark (#19's figures), release build, on SQLite and PostgreSQL: a
# province-month (default 20,000 officers, ~2.2 M entries) generated and scored, then
# `rubric backup` (wall time, peak RSS, file size) and `rubric restore` into an empty
# database (wall time, peak RSS; it ends with the counts check and the audit verification).
# Usage: scripts/bench-backup.sh [OFFICERS]   (RUBRIC_BENCH_BIN: another build's binary)
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${1:-20000}
if [ -z "${RUBRIC_BENCH_BIN:-}" ]; then
  cargo build --release -q -p server --bin rubric
fi
BIN=${RUBRIC_BENCH_BIN:-$(realpath "${CARGO_TARGET_DIR:-target}")/release/rubric}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

run() {
  local label=$1 url=$2 empty=$3
  echo "== $label: generating and scoring $OFFICERS officers"
  "$BIN" --log warn --database-url "$url" gen-province --officers "$OFFICERS" >/dev/null
  "$BIN" --log warn --database-url "$url" score --period 2025-05 >/dev/null
  echo "== $label: rubric backup"
  /usr/bin/time -f "$label backup: wall %e s, peak RSS %M KB" \
    "$BIN" --log warn --database-url "$url" backup --to "$dir/$label.rubric.gz" | tail -1
  echo "$label backup file: $(stat -c %s "$dir/$label.rubric.gz") bytes"
  echo "== $label: rubric restore into an empty database"
  /usr/bin/time -f "$label restore: wall %e s, peak RSS %M KB" \
    "$BIN" --log warn --database-url "$empty" restore --from "$dir/$label.rubric.gz"
}

run sqlite "sqlite://$dir/bench.db" "sqlite://$dir/restored.db"
PG=${RUBRIC_BENCH_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_bench' && psql "$PG" -qc 'CREATE DATABASE rubric_bench' &&
  psql "$PG" -qc 'DROP DATABASE IF EXISTS rubric_restored' && psql "$PG" -qc 'CREATE DATABASE rubric_restored'; then
  run postgres "${PG%/*}/rubric_bench" "${PG%/*}/rubric_restored"
  psql "$PG" -qc 'DROP DATABASE rubric_bench' -qc 'DROP DATABASE rubric_restored' || true
else
  echo "PostgreSQL not reachable at $PG: its figures are skipped"
fi
