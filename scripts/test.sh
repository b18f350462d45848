#!/usr/bin/env bash
# The README's test command: set up, then the whole suite —
#   1. formatting;
#   2. the Rust tests (unit, black-box against the real server on port 0) on SQLite and,
#      when a server answers or RUBRIC_TEST_POSTGRES_URL is given, on PostgreSQL;
#   3. the Playwright specs in Debian's Chromium against a freshly started server with a
#      fresh SQLite database holding the demo province;
#   4. schemathesis fuzzing /api/v1 from its OpenAPI document against another fresh server;
#   5. the size guard: the officer's first download (scripts/size-guard.sh, debug budget).
# Ends with one line `N passed, N failed` over everything that ran.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
t0=$(date +%s)
phase() { printf '\n=== [%s, +%ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - t0 ))" "$*"; }

phase "setup"
bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh
# shellcheck source=scripts/lib/debug-build.sh
source scripts/lib/debug-build.sh
LOGS=$(mktemp -d)

phase "cargo fmt --check"
cargo fmt --all -- --check

# --- PostgreSQL: given, or the local server of this machine kind, or loudly skipped ----
if [ -z "${RUBRIC_TEST_POSTGRES_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export RUBRIC_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test
fi
if [ -n "${RUBRIC_TEST_POSTGRES_URL:-}" ]; then
  export RUBRIC_REQUIRE_POSTGRES=1
  echo "database tests run on SQLite and on PostgreSQL ($RUBRIC_TEST_POSTGRES_URL)"
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! PostgreSQL SKIPPED: no server on 127.0.0.1:5432 and no RUBRIC_TEST_POSTGRES_URL"
  echo "!!! The database tests ran on SQLite only."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi

phase "cargo test --workspace"
# The e-mail digest test sends to aiosmtpd (installed by setup): here it must not skip.
export RUBRIC_REQUIRE_SMTP_SINK=1
cargo test --workspace 2>&1 | tee "$LOGS/cargo-test.log"

phase "the debug site: cargo leptos build --split --frontend-only (the server is the tests' build)"
debug_site

phase "size guard: the officer's first download (debug build)"
guard_status=0
bash scripts/size-guard.sh debug 2>&1 | tee "$LOGS/size-guard.log" || guard_status=$?

phase "Playwright (Debian chromium) against a fresh server"
e2e_status=0
bash scripts/e2e.sh --no-build "$@" 2>&1 | tee "$LOGS/playwright.log" || e2e_status=$?

phase "schemathesis: /api/v1 fuzzed from its OpenAPI document, against a fresh server"
fuzz_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fuzz_dir=$(mktemp -d)
fuzz_db="sqlite://$fuzz_dir/fuzz.db"
RUBRIC_DATABASE_URL=$fuzz_db target/debug/rubric seed-demo >"$LOGS/fuzz-seed.log" 2>&1
fuzz_token=$(RUBRIC_DATABASE_URL=$fuzz_db target/debug/rubric api-token create --client fuzz \
  --agency snv --scopes entries:write,catalog:read,org:read,scores:read 2>/dev/null | tail -n 1)
RUBRIC_DATABASE_URL=$fuzz_db RUBRIC_API_REQUESTS_PER_MINUTE=1000000 target/debug/rubric serve \
  --addr "127.0.0.1:$fuzz_port" --site-root target/site >"$LOGS/fuzz-server.log" 2>&1 &
fuzz_pid=$!
trap 'kill $fuzz_pid 2>/dev/null || true; rm -rf "$fuzz_dir"' EXIT
fuzz_status=0
# Every response must be documented (status, content type, headers, schema), no 5xx, bad
# input refused with a 4xx, and no operation may answer without the token.
.tools/py/bin/schemathesis run "http://127.0.0.1:$fuzz_port/api/v1/openapi.json" \
  --wait-for-schema 60 -H "Authorization: Bearer $fuzz_token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,ignored_auth \
  --phases examples,coverage,fuzzing --max-examples 80 --seed 2026 --workers 2 --no-color --generation-database none \
  2>&1 | tee "$LOGS/schemathesis.log" || fuzz_status=$?
kill $fuzz_pid 2>/dev/null || true
wait $fuzz_pid 2>/dev/null || true
if [ $fuzz_status -ne 0 ]; then
  echo "--- fuzzed server log"; tail -50 "$LOGS/fuzz-server.log"
fi

# --- one closing line over everything -------------------------------------------------
# Adds up the number at the start of every match of $1 in file $2 (0 when none match).
sum() { awk -v re="$1" 'match($0, re) { s += substr($0, RSTART, RLENGTH) + 0 } END { print s + 0 }' "$2"; }
rust_passed=$(sum '[0-9]+ passed;' "$LOGS/cargo-test.log")
rust_failed=$(sum '[0-9]+ failed;' "$LOGS/cargo-test.log")
pw_passed=$(sum '^ +[0-9]+ passed' "$LOGS/playwright.log")
pw_failed=$(sum '^ +[0-9]+ failed' "$LOGS/playwright.log")
phase "done"
fuzz_ok=$(( fuzz_status == 0 ? 1 : 0 ))
fuzz_bad=$(( fuzz_status == 0 ? 0 : 1 ))
guard_ok=$(( guard_status == 0 ? 1 : 0 ))
guard_bad=$(( guard_status == 0 ? 0 : 1 ))
echo "rust: ${rust_passed:-0} passed, ${rust_failed:-0} failed; playwright: ${pw_passed:-0} passed, ${pw_failed:-0} failed; schemathesis: $([ $fuzz_status -eq 0 ] && echo passed || echo FAILED); size guard: $([ $guard_status -eq 0 ] && echo passed || echo FAILED)"
echo "$(( ${rust_passed:-0} + ${pw_passed:-0} + fuzz_ok + guard_ok )) passed, $(( ${rust_failed:-0} + ${pw_failed:-0} + fuzz_bad + guard_bad )) failed"
[ $e2e_status -ne 0 ] && exit $e2e_status
[ $guard_status -ne 0 ] && exit $guard_status
exit $fuzz_status
