#!/usr/bin/env bash
# The optimised build users run: the server, and the browser's app split into
# the part every page needs and parts loaded when first needed, with
# precompressed (brotli, gzip) files. Incremental: run it as often as needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge
# The server and the browser are compiled with the same settings (erased
# component types: a smaller app), or hydration fails.
export RUSTFLAGS="--cfg erase_components"
# wasm-opt until it finds nothing more to remove (about 1.5 KB brotli less
# than cargo-leptos' single -Oz pass), without debug or producer sections.
export LEPTOS_WASM_OPT_FEATURES="-Oz,--converge,--strip-debug,--strip-producers,--enable-bulk-memory,--enable-nontrapping-float-to-int"
exec cargo leptos build --release --split --precompress
