#!/usr/bin/env bash
# The fault benchmark (optimised build): a phone syncs its outbox while its
# network is cut and restored 100 times and the server is killed (SIGKILL)
# in the middle of a sync request; then counts the logs lost and duplicated
# (both must be 0).
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge

scripts/setup.sh --test --release
scripts/build-release.sh >/dev/null
(cd end2end && node bench/bench-faults.mjs "${1:-400}" "${2:-100}")
