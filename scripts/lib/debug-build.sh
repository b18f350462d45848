# shellcheck shell=bash
# The debug build's one configuration, sourced by .ci/run, scripts/test.sh and scripts/e2e.sh
# so that clippy, the tests and the site share one build instead of three.
#
# cargo-leptos builds debug with `--cfg erase_components` (every view type-erased: the
# server crate, which instantiates the whole app's views, compiles in a fraction of the time
# and links a binary of 160 MB instead of 380 MB). `cargo test` and `cargo clippy` get the same
# flag here, so the server binary the tests build (target/debug/rubric, with the same
# features) is the one the site is served with, and cargo-leptos builds only the front end
# (`debug_site` below). A server built without the flag cannot hydrate a front end built with
# it, and flags that differ rebuild every crate: both sides must come from here.
# Release builds (scripts/run.sh, the benches) are not affected: they never source this.
export RUSTFLAGS="--cfg erase_components"

# The debug site (wasm, split per lazy route, script, style) and the server binary, as the
# tests build it (after `cargo test` that is a no-op). cargo-leptos adds the flag itself (and
# --emit-relocs for the split): RUSTFLAGS is unset for it, or the flag would be given twice.
debug_site() {
  cargo test --workspace --no-run -q
  env -u RUSTFLAGS cargo leptos build --split --frontend-only "$@"
}
