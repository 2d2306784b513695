#!/usr/bin/env bash
# The sync benchmark (optimised build): 1,000 records of every kind from a
# browser's outbox through the real sync path into a fresh SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge

scripts/setup.sh --test --release
scripts/build-release.sh >/dev/null
scripts/build-phone-outbox.sh
(cd end2end && node bench/bench-sync.mjs "${1:-1000}")
