#!/usr/bin/env bash
# PostgreSQL (and Redis) for a command, stopped when the command ends.
#
#   tests/harness/services.sh <command> [args…]
#       make test: a throwaway PostgreSQL and Redis on loopback in a temporary directory,
#       DATABASE_URL and REDIS_URL pointing at them, and the test OIDC broker (tests/oidc:
#       DigiD, eHerkenning and staff SSO) with OIDC_TEST_ISSUER and its client secrets in
#       OIDC_TEST_*_SECRET; everything stopped and removed afterwards.
#   tests/harness/services.sh --keep <dir> <command> [args…]
#       make run: PostgreSQL only, its data kept in <dir> between runs (made on the first),
#       reachable only through the unix socket in <dir> (no TCP port: checkouts side by side
#       never collide, and no other local user can connect). DATABASE_URL points at database
#       `burgerkracht` there. One command at a time per <dir>.
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system
# user (Debian's postgresql package creates it).
set -euo pipefail

KEEP=""
if [ "${1:-}" = "--keep" ]; then
  KEEP="$(realpath -m "$2")"
  shift 2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$PG_BIN" ] && command -v pg_config >/dev/null; then PG_BIN="$(pg_config --bindir)"; fi
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found: install postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
export PG_BIN

# initdb <data directory>: a cluster whose superuser `postgres` logs in without a password
# (trust) — over loopback in the throwaway case, over the owner-only socket with --keep.
initdb_in() {
  as_pg "$PG_BIN/initdb" -D "$1" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$1.initdb.log" 2>&1 \
    || { cat "$1.initdb.log" >&2; exit 1; }
  rm -f "$1.initdb.log"
}

if [ -n "$KEEP" ]; then
  DATA="$KEEP/data"
  mkdir -p "$KEEP"
  # The socket and the lock of this directory are the owner's only (mode 700); as root the
  # owner is `postgres`, which must be able to reach it through the checkout's parents.
  chmod 700 "$KEEP"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$KEEP"
    runuser -u postgres -- test -x "$KEEP" || {
      echo "PostgreSQL runs as the postgres user, which cannot reach $KEEP:" >&2
      echo "make the checkout's parent directories traversable (chmod o+x) or clone it elsewhere." >&2
      exit 1
    }
  fi
  if [ "${#KEEP}" -gt 90 ]; then
    echo "$KEEP is too long a path for PostgreSQL's unix socket (at most 90 characters)." >&2
    exit 1
  fi
  # One command per cluster: the lock is held (and released by the kernel, however this
  # script ends) by this shell and the command; the server does not inherit it.
  exec 9>>"$KEEP/lock"
  flock -n 9 || { echo "$KEEP is in use by another make run of this checkout." >&2; exit 1; }
  if [ -f "$DATA/PG_VERSION" ]; then
    have="$(cat "$DATA/PG_VERSION")"
    want="$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
    [ "$have" = "$want" ] || {
      echo "$DATA holds a PostgreSQL $have cluster; the installed server is $want." >&2
      echo "Remove $KEEP to start again with fresh demo data." >&2
      exit 1
    }
    # A server left running by a run that was killed (this shell holds the lock now).
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 \
      && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 9>&-
  else
    rm -rf "$DATA"
    [ "$(id -u)" = 0 ] && install -d -o postgres -m 700 "$DATA"
    initdb_in "$DATA"
  fi
  cleanup() { as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$KEEP/server.log" -w -o \
    "-c listen_addresses='' -c unix_socket_directories=$KEEP -c unix_socket_permissions=0700 -c max_connections=100" \
    start >/dev/null 9>&- || { tail -20 "$KEEP/server.log" >&2; exit 1; }
  if [ -z "$(as_pg "$PG_BIN/psql" -h "$KEEP" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'burgerkracht'")" ]; then
    as_pg "$PG_BIN/createdb" -h "$KEEP" -U postgres burgerkracht
  fi
  export DATABASE_URL="postgres://postgres@/burgerkracht?host=$KEEP"
  echo "services: PostgreSQL on the socket in $KEEP (data kept between runs)"
  "$@"
  exit $?
fi

command -v redis-server >/dev/null || { echo "redis-server not found: install redis-server" >&2; exit 1; }

WORK="$(mktemp -d /tmp/burgerkracht-services.XXXXXX)"
chmod 755 "$WORK"
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$WORK/redis.pid" ]; then kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true; fi
  if [ -f "$WORK/oidc.pid" ]; then kill "$(cat "$WORK/oidc.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
initdb_in "$WORK/pg"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  --daemonize yes --pidfile "$WORK/redis.pid" --dir "$WORK" --logfile "$WORK/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# The test broker: panva's oidc-provider as the DigiD, eHerkenning and staff SSO brokers
# (tests/oidc/provider.mjs), on its own loopback port, with fresh client secrets per run.
BROKER_DIR="$(cd "$(dirname "$0")/../oidc" && pwd)"
command -v node >/dev/null || { echo "node not found: install nodejs and npm (Node.js 20 or newer)" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' \
  || { echo "the test OIDC broker needs Node.js 20 or newer, found $(node --version)" >&2; exit 1; }
[ -d "$BROKER_DIR/node_modules/oidc-provider" ] || (cd "$BROKER_DIR" && npm ci --silent --no-audit --no-fund)
OIDC_PORT="$(free_port)"
export OIDC_TEST_ISSUER="http://127.0.0.1:$OIDC_PORT"
for broker in DIGID EHERKENNING STAFF; do
  export "OIDC_TEST_${broker}_SECRET=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')"
done
OIDC_TEST_HOST=127.0.0.1 OIDC_TEST_PORT="$OIDC_PORT" node "$BROKER_DIR/provider.mjs" >"$WORK/oidc.log" 2>&1 &
echo $! >"$WORK/oidc.pid"
for _ in $(seq 100); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
    "$OIDC_TEST_ISSUER/.well-known/openid-configuration" 2>/dev/null && break
  kill -0 "$(cat "$WORK/oidc.pid")" 2>/dev/null || break
  sleep 0.1
done
python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
  "$OIDC_TEST_ISSUER/.well-known/openid-configuration" 2>/dev/null \
  || { echo "the test OIDC broker did not start:" >&2; cat "$WORK/oidc.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/burgerkracht"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export BURGERKRACHT_TEST_SERVICES="$WORK"
export PG_PORT REDIS_PORT
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres burgerkracht
echo "services: PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT, OIDC broker at $OIDC_TEST_ISSUER"
"$@"
