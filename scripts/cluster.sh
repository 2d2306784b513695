#!/usr/bin/env bash
# Parent Bridge scaled out, on this machine, from nothing: PostgreSQL as a
# primary with a streaming replica (pg_basebackup), two `parent-bridge
# serve` processes on the primary that read from the replica where they
# can, and HAProxy in front (Debian's), checking each server's /readyz.
#
#   scripts/cluster.sh              (make cluster) starts it all with the
#                                   demo data, prints where everything is,
#                                   and stops everything on Ctrl-C
#   scripts/cluster.sh start DIR    starts it in the background in DIR and
#                                   prints its settings as NAME=value lines
#   scripts/cluster.sh stop DIR     stops it and deletes DIR
#   scripts/cluster.sh kill DIR N   SIGKILLs app server N (1 or 2)
#   scripts/cluster.sh term DIR N   stops app server N as a deployment does
#                                   (SIGTERM: it drains, then finishes)
#   scripts/cluster.sh restart DIR N  starts app server N again
#
# PB_CLUSTER_PORT (default 3000) is the balancer's port; the PostgreSQL
# servers and the app servers take the ports after PB_CLUSTER_BASE (default
# 54340). Any other PB_* setting in the environment is passed to both app
# servers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port=${PB_CLUSTER_PORT:-3000}
base=${PB_CLUSTER_BASE:-54340}
primary_port=$base
replica_port=$((base + 1))
app_ports=($((base + 2)) $((base + 3)))
binary=${PB_BINARY:-$root/target/release/parent-bridge}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

wait_for() { # URL, what
  for _ in $(seq 300); do
    if curl -sf "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "cluster: $2 did not come up ($1)" >&2
  return 1
}

# Says why starting failed, with the end of the log that knows, and stops.
fail_with_log() { # LOG, what failed
  echo "cluster: $2; the end of $1:" >&2
  tail -n 20 "$1" >&2 2>/dev/null || true
  exit 1
}

# Refuses to start on a port something already listens on (another
# cluster left running, a developer's own server): PostgreSQL's own
# message is only in its log.
require_free_ports() {
  local p
  for p in "$port" "$primary_port" "$replica_port" "${app_ports[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "cluster: port $p is in use (set PB_CLUSTER_PORT / PB_CLUSTER_BASE to other ports, or stop what listens there)" >&2
      exit 1
    fi
  done
}

start_app() { # DIR, N
  local dir=$1 n=$2
  local p=${app_ports[$((n - 1))]}
  DATABASE_URL="postgres://postgres@127.0.0.1:$primary_port/postgres" \
  PB_DATABASE_READ_URL="postgres://postgres@127.0.0.1:$replica_port/postgres" \
  PB_SECRET_FILE="$dir/app/server-secret" \
  PB_INSTANCE="app-$n" \
  PB_PROXY_HOPS=1 \
  PB_DRAIN_SECONDS="${PB_DRAIN_SECONDS:-2}" \
  PB_PUBLIC_URL="${PB_PUBLIC_URL:-http://127.0.0.1:$port}" \
  LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$root/target/site}" \
  RUST_LOG="${RUST_LOG:-warn}" \
    setsid "$binary" serve --addr "127.0.0.1:$p" >>"$dir/app-$n.log" 2>&1 &
  echo $! >"$dir/app-$n.pid"
  wait_for "http://127.0.0.1:$p/readyz" "app server $n"
}

start() { # DIR
  local dir=$1
  [ -n "$bin" ] || { echo "cluster: PostgreSQL is not installed (scripts/setup.sh --test installs it)" >&2; exit 3; }
  command -v haproxy >/dev/null || { echo "cluster: HAProxy is not installed (scripts/setup.sh --test installs it)" >&2; exit 3; }
  [ -x "$binary" ] || { echo "cluster: $binary is missing (scripts/build-release.sh builds it)" >&2; exit 3; }
  require_free_ports
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chmod a+x "$(dirname "$dir")" "$dir"
    mkdir -p "$dir/pg"
    chown postgres "$dir/pg"
  else
    mkdir -p "$dir/pg"
  fi

  say "PostgreSQL primary on port $primary_port"
  as_owner "'$bin/initdb' -D '$dir/pg/primary' -U postgres --auth=trust -E UTF8 >'$dir/pg/initdb.log' 2>&1" \
    || fail_with_log "$dir/pg/initdb.log" "initdb of the primary failed"
  as_owner "'$bin/pg_ctl' -D '$dir/pg/primary' -l '$dir/pg/primary.log' -o \"-k '$dir/pg' -p $primary_port -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=5 -c max_connections=300\" -w start >/dev/null" \
    || fail_with_log "$dir/pg/primary.log" "the PostgreSQL primary did not start"

  say "PostgreSQL streaming replica on port $replica_port (pg_basebackup)"
  as_owner "'$bin/pg_basebackup' -h 127.0.0.1 -p $primary_port -U postgres -D '$dir/pg/replica' -R -X stream >'$dir/pg/basebackup.log' 2>&1" \
    || fail_with_log "$dir/pg/basebackup.log" "pg_basebackup failed"
  as_owner "'$bin/pg_ctl' -D '$dir/pg/replica' -l '$dir/pg/replica.log' -o \"-k '$dir/pg' -p $replica_port -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=300\" -w start >/dev/null" \
    || fail_with_log "$dir/pg/replica.log" "the PostgreSQL replica did not start"

  say "The demo data, once, on the primary"
  DATABASE_URL="postgres://postgres@127.0.0.1:$primary_port/postgres" PB_SECRET_FILE="$dir/app/server-secret" \
    "$binary" demo >"$dir/demo.log" 2>&1

  for n in 1 2; do
    say "App server $n on port ${app_ports[$((n - 1))]}"
    start_app "$dir" "$n"
  done

  say "HAProxy on http://127.0.0.1:$port"
  cat >"$dir/haproxy.cfg" <<EOF
global
    maxconn 4096

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A server that does not take the connection: the next one does.
    retries 2
    option redispatch

frontend parent_bridge
    bind 127.0.0.1:$port
    option forwardfor
    # One id per request, in both servers' logs (X-Request-Id).
    unique-id-format %{+X}o%ci-%cp-%Ts-%rt
    unique-id-header X-Request-Id
    default_backend app_servers

backend app_servers
    balance roundrobin
    # Out of the rotation at the first failed /readyz (a server draining
    # after SIGTERM says so), back after two good ones.
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 1 rise 2
    server app-1 127.0.0.1:${app_ports[0]} check
    server app-2 127.0.0.1:${app_ports[1]} check
    http-response set-header X-Served-By %s
EOF
  setsid haproxy -f "$dir/haproxy.cfg" -db >>"$dir/haproxy.log" 2>&1 &
  echo $! >"$dir/haproxy.pid"
  wait_for "http://127.0.0.1:$port/readyz" "HAProxy"
  # Both servers in the rotation (two good checks each).
  sleep 1.5

  echo "PB_CLUSTER_URL=http://127.0.0.1:$port"
  echo "PB_CLUSTER_DIR=$dir"
  echo "PB_CLUSTER_PRIMARY_URL=postgres://postgres@127.0.0.1:$primary_port/postgres"
  echo "PB_CLUSTER_REPLICA_URL=postgres://postgres@127.0.0.1:$replica_port/postgres"
  echo "PB_CLUSTER_APP_1=http://127.0.0.1:${app_ports[0]}"
  echo "PB_CLUSTER_APP_2=http://127.0.0.1:${app_ports[1]}"
}

stop_pid() { # FILE, signal
  [ -f "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  kill "-$2" "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1"
}

stop() { # DIR
  local dir=$1
  [ -d "$dir" ] || return 0
  stop_pid "$dir/haproxy.pid" TERM
  for n in 1 2; do stop_pid "$dir/app-$n.pid" TERM; done
  for node in replica primary; do
    if [ -d "$dir/pg/$node" ]; then
      as_owner "'$bin/pg_ctl' -D '$dir/pg/$node' -m fast -w stop >/dev/null" ||
        { [ -f "$dir/pg/$node/postmaster.pid" ] && kill -INT "$(head -n 1 "$dir/pg/$node/postmaster.pid")" 2>/dev/null; sleep 1; } || true
    fi
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    [ -n "${2:-}" ] || { echo "usage: $0 start DIR" >&2; exit 2; }
    start "$2"
    ;;
  stop)
    [ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
    stop "$2"
    ;;
  kill)
    [ -n "${2:-}" ] && [[ "${3:-}" =~ ^[12]$ ]] || { echo "usage: $0 kill DIR 1|2" >&2; exit 2; }
    stop_pid "$2/app-$3.pid" KILL
    ;;
  term)
    [ -n "${2:-}" ] && [[ "${3:-}" =~ ^[12]$ ]] || { echo "usage: $0 term DIR 1|2" >&2; exit 2; }
    stop_pid "$2/app-$3.pid" TERM
    ;;
  restart)
    [ -n "${2:-}" ] && [[ "${3:-}" =~ ^[12]$ ]] || { echo "usage: $0 restart DIR 1|2" >&2; exit 2; }
    start_app "$2" "$3"
    ;;
  "")
    scripts/setup.sh --release --cluster
    scripts/build-release.sh
    dir=$(mktemp -d /tmp/pb-cluster.XXXXXX)
    trap 'say "Stopping everything"; stop "$dir"' EXIT
    trap 'exit 130' INT TERM
    start "$dir" >"$dir/settings"
    cat <<EOF

Parent Bridge scaled out is running:

  the app, through HAProxy      http://127.0.0.1:$port   (log in as in the quick start)
  app server 1 (app-1)          http://127.0.0.1:${app_ports[0]}   /healthz /readyz /metrics
  app server 2 (app-2)          http://127.0.0.1:${app_ports[1]}
  PostgreSQL primary            postgres://postgres@127.0.0.1:$primary_port/postgres
  PostgreSQL streaming replica  postgres://postgres@127.0.0.1:$replica_port/postgres
  logs and data                 $dir

Ctrl-C stops everything and deletes $dir.
EOF
    while true; do sleep 3600; done
    ;;
  *)
    echo "usage: $0 [start DIR | stop DIR | kill DIR N | term DIR N | restart DIR N]" >&2
    exit 2
    ;;
esac
