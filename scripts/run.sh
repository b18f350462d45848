#!/usr/bin/env bash
# The README's run command: set up, build (release), migrate a SQLite file, seed the demo
# province when the database is empty, and serve Rubric on http://127.0.0.1:3000.
#   RUBRIC_DATABASE_URL  another database (default sqlite://data/rubric.db)
#   RUBRIC_ADDR          another address (default 127.0.0.1:3000)
set -euo pipefail
cd "$(dirname "$0")/.."
RUBRIC_SKIP_BROWSER=1 bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh
cargo leptos build --release --split
export RUBRIC_DATABASE_URL=${RUBRIC_DATABASE_URL:-sqlite://data/rubric.db}
exec target/release/rubric serve \
  --addr "${RUBRIC_ADDR:-127.0.0.1:3000}" \
  --site-root target/site \
  --seed-demo
