#!/usr/bin/env bash
# Starts (start) or stops (stop) a throw-away PostgreSQL 15 server on a
# loopback port for the contract tests, and prints its URL on start.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=${PGDATA_DIR:-/tmp/fangkong-pg-test}
PORT=${PGPORT_TEST:-55432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres fangkong_test
    echo "postgresql://postgres@127.0.0.1:$PORT/fangkong_test"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
