#!/usr/bin/env bash
# Installs what building and testing Rubric needs, skipping whatever is already there.
# Idempotent; on a machine that already has everything it takes a few seconds.
#   - the wasm32 target: `rustup target add` first; offline, Debian's rustc-web route
#     (see shared/toolchain.md): rustc 1.96 linked into rustup, wasm32 std built from source once;
#   - cargo-leptos (pinned), wasm-bindgen-cli (the version in Cargo.lock);
#   - wasm-opt from npm's binaryen (never Debian's binaryen: it breaks hydration);
#   - Debian's chromium and the npm packages of end2end/ for the browser tests;
#   - schemathesis (PyPI, pinned, in .tools/py) for the API fuzzing, aiosmtpd for the e-mail test.
# It writes .tools/env.sh, which every other script sources.
# The two cargo installs run side by side, and the downloads (apt, npm, pip) beside them: on a
# brand-new machine the compile of cargo-leptos is most of the time (its own code is built at
# opt-level 1: it only orchestrates cargo, wasm-bindgen and wasm-opt, which do the heavy work).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.tools
mkdir -p "$TOOLS"
CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0
DEBIAN_TOOLCHAIN=rubric-debian-web
log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  if [ $apt_updated -eq 0 ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- 0. rustup / cargo ------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  if ! command -v rustup >/dev/null 2>&1; then
    log "installing rustup"
    if command -v curl >/dev/null && curl -sSf --max-time 20 https://sh.rustup.rs -o /tmp/rustup-init.sh; then
      sh /tmp/rustup-init.sh -y --profile minimal
    else
      apt_install rustup
      rustup default stable || true
    fi
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# --- 1. the wasm32 target ---------------------------------------------------------------
toolchain_env=""
link_debian_toolchain() {
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  if ! rustup toolchain list | grep '^'"$DEBIAN_TOOLCHAIN" >/dev/null; then
    log "linking Debian's rustc-web as rustup toolchain $DEBIAN_TOOLCHAIN"
    rustup toolchain link "$DEBIAN_TOOLCHAIN" /usr
  fi
}
if rustup target list --installed 2>/dev/null | grep '^wasm32-unknown-unknown$' >/dev/null; then
  log "wasm32 target present (rustup)"
elif [ -f "$TOOLS/debian-route" ] || ! timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  touch "$TOOLS/debian-route"
  link_debian_toolchain
  export RUSTUP_TOOLCHAIN=$DEBIAN_TOOLCHAIN
  toolchain_env="export RUSTUP_TOOLCHAIN=$DEBIAN_TOOLCHAIN"
  sysroot=$(rustc --print sysroot)
  libdir=$sysroot/lib/rustlib/wasm32-unknown-unknown/lib
  stamp=$libdir/.rubric-stamp
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(rustc -vV)" ]; then
    log "building the wasm32 std from rust-web-src (about 40 s)"
    tmp=$(mktemp -d)
    mkdir -p "$tmp/src"
    cat > "$tmp/Cargo.toml" <<'TOML'
[package]
name = "wasm-std-builder"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
panic = "abort"
TOML
    echo '#![no_std]' > "$tmp/src/lib.rs"
    (cd "$tmp" && RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
      cargo build -q --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
    mkdir -p "$libdir"
    find "$tmp/target/wasm32-unknown-unknown/release/deps" -name 'lib*.rlib' ! -name 'libwasm_std_builder*' \
      -exec cp {} "$libdir/" \;
    rustc -vV > "$stamp"
    rm -rf "$tmp"
  fi
fi

# --- 2. cargo-leptos and wasm-bindgen-cli -------------------------------------------------
install_cargo_leptos=0
install_toolchain=${RUSTUP_TOOLCHAIN:-}
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  install_cargo_leptos=1
  # cargo-leptos 0.3.11 with --locked needs rustc >= 1.96; build it with Debian's rustc-web
  # when the project's toolchain is older (only the tool, not the project, uses it). Its apt
  # install happens here, before the background apt install of chromium below.
  minor=$(rustc --version | awk '{split($2,v,"."); print v[2]}')
  if [ "${minor:-0}" -lt 96 ]; then link_debian_toolchain; install_toolchain=$DEBIAN_TOOLCHAIN; fi
fi
cargo_leptos() {
  log "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (opt-level 1; about 15 min on 2 cores)"
  env ${install_toolchain:+RUSTUP_TOOLCHAIN=$install_toolchain} \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install -q cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  log "cargo-leptos installed"
}
wb_version=0.2.130
if [ -f Cargo.lock ]; then
  v=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
  [ -n "$v" ] && wb_version=$v
fi
install_wasm_bindgen=0
[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ] && install_wasm_bindgen=1
wasm_bindgen_cli() {
  log "cargo install wasm-bindgen-cli $wb_version (about 4 min alone)"
  cargo install -q wasm-bindgen-cli --version "$wb_version" --force
  log "wasm-bindgen-cli installed"
}

downloads() {
  # --- 3. wasm-opt, browser, npm packages -------------------------------------------------
  if [ ! -x "$TOOLS/node_modules/binaryen/bin/wasm-opt" ]; then
    log "npm install binaryen@$BINARYEN_VERSION (wasm-opt)"
    [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
    (cd "$TOOLS" && npm install --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION")
  fi
  if [ "${RUBRIC_SKIP_BROWSER:-0}" != 1 ]; then
    [ -x /usr/bin/chromium ] || apt_install chromium
    # Again whenever package-lock.json changes (a stamp of its hash in node_modules).
    if [ -f end2end/package-lock.json ]; then
      lock_hash=$(sha256sum end2end/package-lock.json | cut -c1-64)
      if [ "$(cat end2end/node_modules/.rubric-lock 2>/dev/null)" != "$lock_hash" ]; then
        log "npm ci in end2end/"
        (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
        echo "$lock_hash" > end2end/node_modules/.rubric-lock
      fi
    fi
  fi

  # --- 4. schemathesis (the API fuzzer of the test command), from PyPI, in its own venv ----
  SCHEMATHESIS_VERSION=4.32.5
  if [ "$("$TOOLS/py/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    log "pip install schemathesis $SCHEMATHESIS_VERSION (about 30 s)"
    python3 -m venv "$TOOLS/py"
    "$TOOLS/py/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  # aiosmtpd: the SMTP server the e-mail digest test sends to, in the same venv.
  AIOSMTPD_VERSION=1.4.6
  if ! "$TOOLS/py/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('aiosmtpd') != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    log "pip install aiosmtpd $AIOSMTPD_VERSION"
    "$TOOLS/py/bin/pip" install -q --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
  fi
  log "downloads done"
}

# --- 5. run them side by side; any failure fails the setup ------------------------------
pids=()
downloads & pids+=($!)
[ $install_wasm_bindgen = 1 ] && { wasm_bindgen_cli & pids+=($!); }
[ $install_cargo_leptos = 1 ] && { cargo_leptos & pids+=($!); }
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ $failed = 0 ] || { log "setup FAILED (see the messages above)"; exit 1; }

cat > "$TOOLS/env.sh" <<ENV
# written by scripts/setup.sh
export PATH="$TOOLS/node_modules/binaryen/bin:\$HOME/.cargo/bin:\$PATH"
$toolchain_env
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ENV
log "ready"
