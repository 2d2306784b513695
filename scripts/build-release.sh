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
exec cargo leptos build --release --split --precompress
