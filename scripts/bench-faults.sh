#!/usr/bin/env bash
# The fault benchmark (optimised build): a phone syncs an outbox of every
# kind of record while its network is cut and restored 100 times and the
# server is killed (SIGKILL) in the middle of a sync request; then counts,
# per kind, the records lost and duplicated (all must be 0).
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge

scripts/setup.sh --test --release
scripts/build-release.sh >/dev/null
scripts/build-phone-outbox.sh
(cd end2end && node bench/bench-faults.mjs "${1:-400}" "${2:-100}")
