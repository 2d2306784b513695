#!/usr/bin/env bash
# The size report: raw and brotli bytes of the wasm, js and css the browser
# downloads for the mentor's first page, from an optimised (release) build.
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge

scripts/setup.sh --release
cargo leptos build --release --frontend-only >/dev/null

pkg=target/site/pkg
hashes=target/release/hash.txt
[ -f "$hashes" ] || hashes=target/debug/hash.txt
file_of() {
  local kind=$1 hash
  hash=$(awk -F': *' -v k="$kind" '$1 == k { print $2 }' "$hashes" 2>/dev/null || true)
  if [ -n "$hash" ] && [ -f "$pkg/parent-bridge.$hash.$kind" ]; then
    echo "$pkg/parent-bridge.$hash.$kind"
  else
    ls -t "$pkg"/parent-bridge*."$kind" | head -n 1
  fi
}

printf '%-6s %12s %12s  %s\n' kind raw brotli file
total_raw=0
total_br=0
for kind in wasm js css; do
  file=$(file_of "$kind")
  raw=$(wc -c <"$file")
  br=$(brotli -c -q 11 "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_br=$((total_br + br))
  printf '%-6s %12d %12d  %s\n' "$kind" "$raw" "$br" "$file"
done
printf '%-6s %12d %12d\n' total "$total_raw" "$total_br"
