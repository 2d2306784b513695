#!/usr/bin/env bash
# The size report, from the optimised build with the split bundle (what
# `make run` serves): the files of a mentor's first page (HTML excluded: the
# app's js and wasm, the split loader, the stylesheet, the texts of one
# language and the vault's script) and every lazily loaded part, raw and
# brotli; then what a browser really pays: each landing page (/login and
# each role's home) opened in Chromium with a cold cache, in each language,
# bytes on the wire, and apart what the service worker keeps for offline use
# (end2end/bench/size.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export LEPTOS_OUTPUT_NAME=parent-bridge

scripts/setup.sh --release --test
scripts/build-release.sh >/dev/null

pkg=target/site/pkg
hashes=target/release/hash.txt
hash() { awk -F': *' -v k="$1" '$1 == k { print $2 }' "$hashes"; }

row() {
  local label=$1 file=$2 raw br
  raw=$(wc -c <"$file")
  br=$(brotli -c -q 11 "$file" | wc -c)
  printf '%-34s %10d %10d\n' "$label" "$raw" "$br"
  total_raw=$((total_raw + raw))
  total_br=$((total_br + br))
}

# The texts a page loads are served by the app itself: ask a running server.
port=3921
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
export DATABASE_URL="sqlite:$data/size.db" PB_SECRET_FILE="$data/secret/server-secret" \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn PB_INSECURE_COOKIES=true
target/release/parent-bridge demo >/dev/null
target/release/parent-bridge serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
table=$(curl -sf "http://127.0.0.1:$port/login" | grep -o '/i18n/en\.core\.[a-z0-9]*\.json' | head -n 1)
curl -sf "http://127.0.0.1:$port$table" -o "$data/en.json"
vault=$(curl -sf "http://127.0.0.1:$port/login" | grep -o '/js/vault\.[a-z0-9]*\.js' | head -n 1)
curl -sf "http://127.0.0.1:$port$vault" -o "$data/vault.js"

printf '%-34s %10s %10s\n' "the mentor's first load" raw brotli
total_raw=0; total_br=0
row "js    (app)" "$pkg/parent-bridge.$(hash js).js"
row "wasm  (app)" "$pkg/parent-bridge.$(hash wasm).wasm"
row "js    (split loader)" "$pkg/__wasm_split.$(hash split).js"
row "css" "$pkg/parent-bridge.$(hash css).css"
row "json  (English texts)" "$data/en.json"
row "js    (vault: encryption)" "$data/vault.js"
printf '%-34s %10d %10d\n' "total" "$total_raw" "$total_br"
first_br=$total_br

echo
printf '%-34s %10s %10s\n' "loaded when first needed" raw brotli
total_raw=0; total_br=0
manifest="$pkg/__wasm_split_manifest.$(hash manifest).json"
for module in $(grep -o '"[^"]*\.[A-Za-z0-9_-]*"' "$manifest" | tr -d '"' | grep -v '^__' | sort -u); do
  row "${module%%.*}" "$pkg/$module.wasm"
done
printf '%-34s %10d %10d\n' "total" "$total_raw" "$total_br"
echo
echo "budget for the mentor's first load: 250000 bytes brotli ($first_br used)"

echo
(cd end2end && node bench/size.mjs "http://127.0.0.1:$port")
