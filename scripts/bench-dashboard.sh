#!/usr/bin/env bash
# The manager's home with thousands of pairs: 2,000 pairs and 100,000
# meeting logs on SQLite, then on a throwaway PostgreSQL. Prints the time of
# the dashboard's queries, of the whole server function, and of the page
# rendered on the server (median and p95 of 20 runs). Numbers only.
#
#   scripts/bench-dashboard.sh [pairs] [logs]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-2000}
logs=${2:-100000}

scripts/setup.sh --test
# The same settings as the tests' builds, so they share target/.
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"
export RUST_LOG=warn

echo "== SQLite"
cargo bench -q -p server --bench dashboard -- "$pairs" "$logs"

pg_dir=$(mktemp -d /tmp/pb-pg.XXXXXX)
echo "== PostgreSQL"
if pg_url=$(scripts/pg-test.sh start "$pg_dir/cluster"); then
  trap 'scripts/pg-test.sh stop "$pg_dir/cluster"; rm -rf "$pg_dir"' EXIT
  PB_BENCH_POSTGRES_URL="$pg_url" cargo bench -q -p server --bench dashboard -- "$pairs" "$logs"
else
  echo "PostgreSQL could not be started here: no figures for it" >&2
fi
