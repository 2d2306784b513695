#!/usr/bin/env bash
# Parent Bridge at a network's scale: starts `make cluster` (PostgreSQL
# primary and streaming replica, two app servers, HAProxy) on ports of its
# own, seeds 10,000 pairs and 1,000,000 meeting logs, and prints the
# manager's home, the log list, the programme report of 2,000 pairs and 200
# mentors syncing against one server and against two (server/benches/scale.rs).
#
#   scripts/bench-scale.sh [logs per pair] [seconds of syncing]
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"
scripts/setup.sh --release --cluster
scripts/build-release.sh >/dev/null
# Build the benchmark before the cluster runs (it takes the cores).
cargo bench -p server --bench scale --no-run
dir=$(mktemp -d /tmp/pb-scale.XXXXXX)
trap 'scripts/cluster.sh stop "$dir"' EXIT
export PB_CLUSTER_PORT=${PB_CLUSTER_PORT:-3290} PB_CLUSTER_BASE=${PB_CLUSTER_BASE:-54380}
# The benchmark's clients log in over plain HTTP.
export PB_INSECURE_COOKIES=true
set -a
eval "$(scripts/cluster.sh start "$dir")"
set +a
cargo bench -p server --bench scale -- "$@"
