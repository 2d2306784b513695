#!/usr/bin/env bash
# Every check and test of Parent Bridge, as CI runs them: formatting, clippy
# (server and browser builds), unit tests, the API tests against SQLite and
# against a throwaway PostgreSQL, then the Playwright suite in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1;34m==>\033[0m %s\n' "$*"; }

# cargo-leptos compiles the debug server with these; the tests use the same
# so the two builds share target/ instead of rebuilding each other's crates.
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"

scripts/setup.sh --test

say "Formatting"
cargo fmt --all -- --check

say "Clippy: the server build (ssr)"
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server --all-targets -- -D warnings

say "Clippy: the browser build (hydrate)"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown --all-targets -- -D warnings

say "Unit tests (model, validation, i18n, offline storage)"
cargo test -p app --features ssr

say "API tests against SQLite"
PB_TEST_POSTGRES_URL= cargo test -p server

pg_dir=$(mktemp -d /tmp/pb-pg.XXXXXX)
if pg_url=$(scripts/pg-test.sh start "$pg_dir/cluster"); then
  say "API tests against PostgreSQL ($pg_url)"
  trap 'scripts/pg-test.sh stop "$pg_dir/cluster"; rm -rf "$pg_dir"' EXIT
  PB_TEST_POSTGRES_URL="$pg_url" cargo test -p server
else
  echo "warning: PostgreSQL could not be started here; the PostgreSQL run of the API tests is SKIPPED" >&2
fi

say "Building the app for the browser tests"
cargo leptos build

say "End-to-end tests (Playwright, Chromium)"
(cd end2end && npx playwright test)

say "All tests passed"
