#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, in a temporary folder, run as
# an unprivileged user. Prints the URL to stdout.
#
#   scripts/pg-test.sh start DIR    starts it (the first free port from 54329), prints the URL
#   scripts/pg-test.sh stop DIR     stops it and deletes DIR
set -euo pipefail

command="${1:-}"
dir="${2:-}"
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
# The first port from 54329 that nothing listens on (another run's server,
# or a developer's, may hold one).
port=54329
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  port=$((port + 1))
done
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; exit 3; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      # PostgreSQL refuses to run as root: the cluster belongs to "postgres",
      # who must be able to reach the folder.
      chmod a+x "$(dirname "$dir")"
      chown postgres "$dir"
    fi
    as_owner "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -w start >/dev/null"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
