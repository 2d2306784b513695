#!/usr/bin/env bash
# Lighthouse (from npm) in Debian's Chromium against the optimised build with
# the demo data, on its mobile defaults (an emulated mid-range phone on a slow
# 4G connection), logged in where the page needs it. Prints LCP, CLS, total
# blocking time and bytes per page. Numbers only: nothing passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --release --test --bench
scripts/build-release.sh >/dev/null

port=3925
base="http://127.0.0.1:$port"
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
export DATABASE_URL="sqlite:$data/lighthouse.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
target/release/parent-bridge demo >/dev/null
target/release/parent-bridge serve --addr "127.0.0.1:$port" >/dev/null 2>"$data/server.log" &
server=$!
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done

session() {
  curl -sf -D - -o /dev/null -X POST "$base/api/auth/login" -H "Origin: $base" \
    --data-urlencode "email=$1" --data-urlencode "password=parent-bridge-demo" |
    grep -iE '^set-cookie: (__Host-)?pb_session=' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r'
}

export CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic"
printf '%-10s %8s %8s %8s %10s\n' page LCP CLS TBT bytes
for target in "/login|" "/mentor|mentor@example.org" "/manager|manager@example.org"; do
  path=${target%%|*}; who=${target#*|}
  headers='{}'
  if [ -n "$who" ]; then headers="{\"Cookie\": \"$(session "$who")\"}"; fi
  report="$data/report.json"
  [ -z "${PB_LIGHTHOUSE_KEEP:-}" ] || report="$PB_LIGHTHOUSE_KEEP/$(echo "$path" | tr / _).json"
  node .tools/lighthouse/node_modules/lighthouse/cli/index.js "$base$path" \
    --quiet --only-categories=performance --output=json --output-path="$report" \
    --chrome-flags="$flags" --extra-headers="$headers" >/dev/null 2>"$data/lighthouse.log" ||
    { cat "$data/lighthouse.log" >&2; exit 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const a = (id) => r.audits[id].numericValue;
    const row = [process.argv[2], (a("largest-contentful-paint") / 1000).toFixed(2) + " s",
      a("cumulative-layout-shift").toFixed(3), Math.round(a("total-blocking-time")) + " ms",
      Math.round(a("total-byte-weight") / 1024) + " KiB"];
    console.log(row[0].padEnd(10) + row.slice(1).map((c, i) => c.padStart(i === 3 ? 11 : 9)).join(""));
    if (process.env.PB_LIGHTHOUSE_DETAILS) {
      const lcp = r.audits["largest-contentful-paint-element"];
      console.log("  LCP element:", JSON.stringify(lcp?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? ""));
    }
  ' "$report" "$path"
done
