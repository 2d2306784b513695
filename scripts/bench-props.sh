#!/usr/bin/env bash
# Property tests at scale (not in every CI run): over a million generated
# forms and sync payloads through the shared validation (every form the
# phone sends and the office types), then batches of meeting logs through
# the real server's sync path. Prints the cases run and the time taken.
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge
export RUSTFLAGS="--cfg erase_components"

cases=${PB_PROPTEST_CASES:-170000}
batches=${PB_PROPTEST_SYNC_BATCHES:-400}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

start=$SECONDS
PB_PROPTEST_CASES=$cases cargo test --release -p app --features ssr --lib proptests -- --nocapture 2>&1 | tee -a "$log" | grep -E "^property|test result|panicked|FAILED" || true
model_time=$((SECONDS - start))
start=$SECONDS
PB_TEST_POSTGRES_URL= PB_PROPTEST_SYNC_BATCHES=$batches cargo test -p server --test api sync_props -- --nocapture 2>&1 | tee -a "$log" | grep -E "^property|test result|panicked|FAILED" || true
sync_time=$((SECONDS - start))

if grep -qE "FAILED|panicked" "$log"; then
  echo "A property failed (see above)." >&2
  exit 1
fi
model_cases=$(grep -E "^property .*: [0-9]+ cases" "$log" | awk '{s += $(NF-1)} END {print s + 0}')
sync_items=$(grep -E "^property sync batches" "$log" | awk '{print $(NF-1)}')
echo
printf 'model properties: %d cases in %ds\n' "$model_cases" "$model_time"
printf 'sync through the server: %d batches, %d items in %ds\n' "$batches" "${sync_items:-0}" "$sync_time"
printf 'total: %d cases, no panic, no partial write, every refusal with a reason\n' "$((model_cases + ${sync_items:-0}))"
