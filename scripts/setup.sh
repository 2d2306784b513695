#!/usr/bin/env bash
# Installs what building and testing Parent Bridge needs, skipping whatever is
# already there. Safe to run again and again.
#
#   scripts/setup.sh            the build tools (run the app)
#   scripts/setup.sh --test     also Chromium, PostgreSQL, HAProxy and the Playwright packages
#   scripts/setup.sh --cluster  also PostgreSQL and HAProxy (make cluster)
#   scripts/setup.sh --release  also wasm-opt, for size-optimised builds
#   scripts/setup.sh --bench    also wrk and Lighthouse, for the benchmarks
#
# Build output is kept in one folder per machine, shared by every checkout
# (`target` is a link to it): a fresh clone builds only what changed since
# the last build on this machine instead of every crate again. Set
# PB_TARGET_CACHE to move it, or make `target` a folder of its own to keep
# a checkout's builds apart.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -e target ] && [ ! -L target ]; then
  cache="${PB_TARGET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/parent-bridge/target}"
  mkdir -p "$cache"
  ln -s "$cache" target
fi

want_test=false
want_release=false
want_bench=false
want_cluster=false
for arg in "$@"; do
  case "$arg" in
    --test) want_test=true ;;
    --release) want_release=true ;;
    --bench) want_bench=true ;;
    --cluster) want_cluster=true ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0
LIGHTHOUSE_VERSION=13.5.0
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The build tools are installed as debug builds without debug info: they
# compile in a third of the time of an optimised build (cargo-leptos 8 min
# instead of 18, wasm-bindgen 1 instead of 7, on 2 cores) and do their work
# in seconds all the same.
tool_install() {
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --debug "$@"
}

if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 8 minutes on 2 cores, once)"
  tool_install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about a minute, once)"
  # Without --locked: its lock file names a crate version the registry lacks.
  tool_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "${APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if $want_release; then
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
    say "Installing wasm-opt (binaryen $BINARYEN_VERSION)"
    npm install -g --silent "binaryen@$BINARYEN_VERSION"
  fi
  if ! command -v brotli >/dev/null; then
    say "Installing brotli (for the size report)"
    apt_install brotli
  fi
fi

if $want_test || $want_cluster; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    say "Installing PostgreSQL (for the tests against PostgreSQL and make cluster)"
    apt_install postgresql || echo "warning: PostgreSQL could not be installed; its tests will be skipped" >&2
  fi
  if ! command -v haproxy >/dev/null; then
    say "Installing HAProxy (the load balancer of make cluster)"
    apt_install haproxy
  fi
fi

if $want_test; then
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Chromium (Debian's, for Playwright)"
    apt_install chromium
  fi
  if ! command -v pdftotext >/dev/null; then
    say "Installing poppler-utils (the tests read the report's PDF with pdftotext)"
    apt_install poppler-utils
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "Installing the Playwright packages (no browser download: Debian's Chromium is used)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
fi

if $want_bench; then
  if ! command -v wrk >/dev/null; then
    say "Installing wrk (HTTP benchmark)"
    apt_install wrk
  fi
  if ! command -v twiggy >/dev/null; then
    say "Installing twiggy (what the wasm is made of; about a minute, once)"
    tool_install twiggy --version 0.8.0 --locked
  fi
  if [ "$(node -p 'require("./.tools/lighthouse/node_modules/lighthouse/package.json").version' 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    say "Installing Lighthouse $LIGHTHOUSE_VERSION (into .tools/)"
    npm install --silent --no-audit --no-fund --prefix .tools/lighthouse "lighthouse@$LIGHTHOUSE_VERSION"
  fi
fi
