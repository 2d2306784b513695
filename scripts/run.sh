#!/usr/bin/env bash
# Builds Parent Bridge (optimised), creates the SQLite database under ./data,
# applies migrations, loads the demo data and serves on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."

export LEPTOS_OUTPUT_NAME=parent-bridge
scripts/setup.sh --release

scripts/build-release.sh

export DATABASE_URL="${DATABASE_URL:-sqlite:data/parent-bridge.db}"
export LEPTOS_SITE_ROOT=target/site
target/release/parent-bridge demo
exec target/release/parent-bridge serve "$@"
