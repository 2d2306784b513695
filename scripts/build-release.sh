#!/usr/bin/env bash
# The optimised build users run: the server, and the browser's app split into
# the part every page needs and parts loaded when first needed, with
# precompressed (brotli, gzip) files. Incremental, and skipped altogether
# when nothing it is built from changed since the last build (cargo-leptos
# would run wasm-opt again, about three minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge
# The server and the browser are compiled with the same settings (erased
# component types: a smaller app), or hydration fails.
export RUSTFLAGS="--cfg erase_components"
# wasm-opt until it finds nothing more to remove (about 1.5 KB brotli less
# than cargo-leptos' single -Oz pass), without debug or producer sections.
export LEPTOS_WASM_OPT_FEATURES="-Oz,--converge,--strip-debug,--strip-producers,--enable-bulk-memory,--enable-nontrapping-float-to-int"

# What the build is made of: every source file (tracked, or new and not
# ignored), this script, and the tools' versions.
fingerprint() {
  {
    git ls-files -z --cached --others --exclude-standard -- \
      app frontend server/src server/Cargo.toml style public Cargo.toml Cargo.lock \
      scripts/build-release.sh |
      sort -z | xargs -0 sha256sum
    cargo leptos --version
    wasm-bindgen --version
    wasm-opt --version
    rustc --version
  } 2>/dev/null | sha256sum | cut -d' ' -f1
}

stamp=target/release/.parent-bridge-built-from
if git rev-parse --git-dir >/dev/null 2>&1; then
  now=$(fingerprint)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$now" ] &&
     [ -x target/release/parent-bridge ] && [ -d target/site/pkg ]; then
    echo "The optimised build is up to date (nothing it is built from changed)."
    exit 0
  fi
fi
rm -f "$stamp"

# cargo-leptos builds the browser's part, then the server. The server's
# crates are compiled meanwhile, with the settings cargo-leptos gives them
# (so it finds them built): they use the cores that the browser part's
# single-threaded steps (the final link, wasm-opt, the JS) leave idle.
server_env=(
  LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3000
  LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend LEPTOS_BIN_DIR=server
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
)
env "${server_env[@]}" cargo build --quiet --package=server --bin=parent-bridge \
  --no-default-features --release &
server_build=$!
trap 'kill "$server_build" 2>/dev/null || true' EXIT
cargo leptos build --release --split
wait "$server_build" || true
trap - EXIT

# Brotli and gzip copies of every file of the site, for the server to send
# as they are: the native tools, on every core (cargo-leptos' own
# precompression takes a minute).
find target/site -type f ! -name '*.br' ! -name '*.gz' -print0 |
  xargs -0 -P "$(nproc)" -n 8 sh -c 'for f; do brotli -q 11 -f -k "$f" && gzip -9 -f -k "$f"; done' sh

if [ -n "${now:-}" ]; then
  echo "$now" > "$stamp"
fi
