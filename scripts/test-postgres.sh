#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests: `start DIR PORT` prints the URL to use as
# BELONG_TEST_POSTGRES_URL; `stop DIR` stops it and removes DIR. Runs the server as an unprivileged
# user when started as root, since PostgreSQL refuses to run as root. Tests trade durability for speed
# (fsync off); BELONG_PG_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks.
set -euo pipefail

find_bin() {
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}
dir=${2:-}
case "$cmd" in
  start)
    port=${3:-54329}
    bin=$(find_bin) || { echo "PostgreSQL is not installed (initdb not found)" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U belong --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${BELONG_PG_DURABLE:-0}" = 1 ] && fast=""
    echo "-h 127.0.0.1 -p $port -k $dir -c max_connections=400 $fast" >"$dir/options"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U belong belong_test
    echo "postgres://belong@127.0.0.1:$port/belong_test"
    ;;
  stop)
    bin=$(find_bin) || exit 0
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  # For the reliability tests: restart the server as an operator would, stop it and keep its data, start it again.
  restart)
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 -o "$(cat "$dir/options")" restart >/dev/null
    ;;
  halt)
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  resume)
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" start >/dev/null
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR | restart DIR | halt DIR | resume DIR" >&2
    exit 2
    ;;
esac
