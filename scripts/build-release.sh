#!/usr/bin/env bash
# The optimised build users run: the server, and the browser's app split into
# the part every page needs and parts loaded when first needed, with
# precompressed (brotli, gzip) files. Incremental, and skipped altogether
# when nothing it is built from changed since the last build (cargo-leptos
# would run wasm-bindgen and wasm-opt again, about two minutes).
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
cargo leptos build --release --split --precompress
if [ -n "${now:-}" ]; then
  echo "$now" > "$stamp"
fi
