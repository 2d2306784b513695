#!/usr/bin/env bash
# The tests of the scaled-out topology (server/tests/cluster.rs): each
# starts its own `make cluster` (PostgreSQL primary and streaming replica,
# two app servers, HAProxy) from nothing and stops it. They take the same
# ports, so one at a time. Needs the release build (scripts/build-release.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"
scripts/setup.sh --cluster
[ -x target/release/parent-bridge ] || scripts/build-release.sh
cargo test -p server --test cluster -- --test-threads=1 --nocapture "$@"
