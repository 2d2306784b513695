#!/usr/bin/env bash
# Every check and test of Parent Bridge, as CI runs them: formatting, clippy
# (server and browser builds), unit tests, the API tests against SQLite and
# against a throwaway PostgreSQL, the scaled-out topology (make cluster),
# then the Playwright suite in Chromium
# against the optimised build with the split bundle (what users run). Prints
# the time of each phase at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1;34m==>\033[0m %s\n' "$*"; }

# One set of compiler settings for every build, so clippy, the tests and the
# app share target/ instead of rebuilding each other's crates.
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"

phases=()
phase_start=$SECONDS
phase_name=""
phase() {
  if [ -n "$phase_name" ]; then
    phases+=("$(printf '%-40s %5ds' "$phase_name" $((SECONDS - phase_start)))")
  fi
  phase_name=$1
  phase_start=$SECONDS
  [ -z "$1" ] || say "$1"
}
report() {
  phase ""
  echo
  echo "Time of each phase:"
  printf '  %s\n' "${phases[@]}"
  printf '  %-40s %5ds\n' "total" "$SECONDS"
  if [ -s "${e2e_summary:-}" ]; then
    echo
    echo "Browser tests that failed or passed only on a second try:"
    cat "$e2e_summary"
  fi
}
trap report EXIT

phase "Set-up (skips what is installed)"
scripts/setup.sh --test --release

phase "Formatting"
cargo fmt --all -- --check

phase "Clippy: the server build (ssr)"
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server --all-targets -- -D warnings
# (The cluster tests are `test = false`: --all-targets leaves them out.)
cargo clippy -p server --test cluster -- -D warnings

phase "Clippy: the browser build (hydrate)"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown --all-targets -- -D warnings

phase "Unit tests (model, validation, i18n, offline storage, sync runner)"
cargo test -p app --features ssr
cargo test -p server --lib --bins

phase "API tests against SQLite"
PB_TEST_POSTGRES_URL= cargo test -p server --test api

pg_dir=$(mktemp -d /tmp/pb-pg.XXXXXX)
phase "API tests against PostgreSQL"
if pg_url=$(scripts/pg-test.sh start "$pg_dir/cluster"); then
  trap 'scripts/pg-test.sh stop "$pg_dir/cluster"; rm -rf "$pg_dir"; report' EXIT
  echo "($pg_url)"
  PB_TEST_POSTGRES_URL="$pg_url" cargo test -p server --test api
else
  # Set-up installs PostgreSQL: a run without it would pass while testing
  # half of what it says.
  echo "error: PostgreSQL could not be started for the API tests (scripts/pg-test.sh)" >&2
  exit 1
fi

phase "Optimised build with the split bundle (for the browser tests)"
scripts/build-release.sh

phase "The scaled-out topology (primary + replica, two servers, HAProxy)"
scripts/test-cluster.sh

phase "End-to-end tests (Playwright, Chromium, 2 workers)"
e2e_summary=end2end/test-results/summary.txt
rm -f "$e2e_summary"
(cd end2end && npx playwright test --workers=2 --retries=1)

phase ""
say "All tests passed"
