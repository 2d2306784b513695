#!/usr/bin/env bash
# HTTP benchmark of the optimised build with the demo data: wrk (Debian's)
# at 64 connections for 20 s each on a static file, the login page, the
# mentor's home and the manager's page (logged in). Prints requests per
# second, p50, p99, errors, and each page's rate as a share of the static
# file's. Numbers only: nothing here passes or fails.
#
#   scripts/bench-http.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-64}

scripts/setup.sh --release --bench
scripts/build-release.sh >/dev/null

port=3923
base="http://127.0.0.1:$port"
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
export DATABASE_URL="sqlite:$data/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
target/release/parent-bridge demo >/dev/null
target/release/parent-bridge serve --addr "127.0.0.1:$port" >/dev/null 2>"$data/server.log" &
server=$!
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done

session() {
  curl -sf -D - -o /dev/null -X POST "$base/api/auth/login" -H "Origin: $base" \
    --data-urlencode "email=$1" --data-urlencode "password=parent-bridge-demo" |
    grep -iE '^set-cookie: (__Host-)?pb_session=' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r'
}
mentor=$(session mentor@example.org)
manager=$(session manager@example.org)
css=$(curl -sf "$base/login" | grep -o '/pkg/parent-bridge\.[A-Za-z0-9_-]*\.css' | head -n 1)

# Every page must answer 200 before it is measured.
for check in "$css|" "/login|" "/mentor|$mentor" "/manager|$manager"; do
  path=${check%%|*}; cookie=${check#*|}
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'accept: text/html' "$base$path")
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
done

printf '%-10s %10s %9s %9s %8s %9s\n' page req/s p50 p99 errors "vs static"
static_rate=""
for target in "static|$css|" "/login|/login|" "/mentor|/mentor|$mentor" "/manager|/manager|$manager"; do
  IFS='|' read -r label path cookie <<<"$target"
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s \
    -H "Cookie: $cookie" -H 'accept: text/html' -H 'accept-encoding: br' "$base$path")
  rate=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  socket=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")
  non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  errors=$(( ${socket:-0} + ${non2xx:-0} ))
  [ -n "$static_rate" ] || static_rate=$rate
  share=$(awk -v r="$rate" -v s="$static_rate" 'BEGIN { printf "%.0f%%", 100 * r / s }')
  printf '%-10s %10s %9s %9s %8s %9s\n' "$label" "$rate" "$p50" "$p99" "$errors" "$share"
done
if grep -qi panic "$data/server.log"; then
  echo "the server panicked during the benchmark:" >&2
  grep -i panic "$data/server.log" | head -n 5 >&2
  exit 1
fi
