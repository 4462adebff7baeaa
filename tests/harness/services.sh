#!/usr/bin/env bash
# Start a throwaway PostgreSQL and Redis on loopback in a temporary directory, run the given
# command with DATABASE_URL and REDIS_URL pointing at them, and tear everything down after.
#
#   tests/harness/services.sh <command> [args…]
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system
# user (Debian's postgresql package creates it).
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$PG_BIN" ] && command -v pg_config >/dev/null; then PG_BIN="$(pg_config --bindir)"; fi
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found: install postgresql" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server not found: install redis-server" >&2; exit 1; }

WORK="$(mktemp -d /tmp/burgerkracht-services.XXXXXX)"
chmod 755 "$WORK"
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$WORK/redis.pid" ]; then kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  --daemonize yes --pidfile "$WORK/redis.pid" --dir "$WORK" --logfile "$WORK/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/burgerkracht"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export BURGERKRACHT_TEST_SERVICES="$WORK"
export PG_BIN PG_PORT REDIS_PORT
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres burgerkracht
echo "services: PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT"
"$@"
