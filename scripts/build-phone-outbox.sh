#!/usr/bin/env bash
# Builds what makes a phone's outbox for the phone benchmarks
# (server/examples/phone_outbox.rs). A debug build, with the settings of
# the tests: `make test` builds it already, and it only writes a few
# hundred records.
set -euo pipefail
cd "$(dirname "$0")/.."
LEPTOS_OUTPUT_NAME=parent-bridge RUSTFLAGS="--cfg erase_components" \
  cargo build --quiet -p server --example phone_outbox
