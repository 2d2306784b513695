#!/usr/bin/env bash
# The load benchmark: 200 mentors syncing meeting logs for 60 s against one
# server on SQLite (PostgreSQL too with PB_BENCH_POSTGRES_URL), beside 16
# attackers flooding the login with wrong passwords from ever new
# addresses; prints the requests, the errors and the latency (p50, p99) of
# the syncs, and what the flood was answered. 0 attackers: the syncs alone.
#
#   scripts/bench-load.sh [mentors] [seconds] [think ms] [logs per batch] [attackers]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"
export RUST_LOG=warn
cargo bench -q -p server --bench load -- "${1:-200}" "${2:-60}" "${3:-1000}" "${4:-5}" "${5:-16}"
