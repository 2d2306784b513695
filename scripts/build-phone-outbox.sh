#!/usr/bin/env bash
# Builds what makes a phone's outbox for the phone benchmarks
# (server/examples/phone_outbox.rs), with the settings of the optimised
# build so it reuses its crates.
set -euo pipefail
cd "$(dirname "$0")/.."
RUSTFLAGS="--cfg erase_components" cargo build --quiet --release -p server --example phone_outbox
