#!/usr/bin/env bash
# The programme report of a large programme: 500 pairs and 20,000
# meeting logs on SQLite, then on a throwaway PostgreSQL. Prints the time to
# read the report's facts, to compute it, and to write it as PDF and as Word
# (median and p95 of 10 runs). Numbers only.
#
#   scripts/bench-report.sh [pairs] [logs]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-500}
logs=${2:-20000}

scripts/setup.sh --test
# The same settings as the tests' builds, so they share target/.
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"
export RUST_LOG=warn

echo "== SQLite"
cargo bench -q -p server --bench report -- "$pairs" "$logs"

pg_dir=$(mktemp -d /tmp/pb-pg.XXXXXX)
echo "== PostgreSQL"
if pg_url=$(scripts/pg-test.sh start "$pg_dir/cluster"); then
  trap 'scripts/pg-test.sh stop "$pg_dir/cluster"; rm -rf "$pg_dir"' EXIT
  PB_BENCH_POSTGRES_URL="$pg_url" cargo bench -q -p server --bench report -- "$pairs" "$logs"
else
  echo "PostgreSQL could not be started here: no figures for it" >&2
fi
