#!/usr/bin/env bash
# The whole gate, run inside services.sh: lint, types, migrations, translations, deploy check,
# pytest.
set -uo pipefail
PY=.venv/bin/python
status=0
step() { echo "== $*"; }

# The migrated template database, made beside the lint steps: every migration once, on an
# empty database (services.sh's PostgreSQL); each xdist worker's test database is then a copy
# of it (tests/conftest.py) and R6 reads this run's forwards from its log
# (tests/reliability/test_migrations.py). Without it each worker migrates its own.
TEMPLATE_DB=burgerkracht_migrated
template_pid=""
if [ -n "${BURGERKRACHT_TEST_SERVICES:-}" ] && [ -n "${PG_BIN:-}" ] && [ -n "${PG_PORT:-}" ]; then
  TEMPLATE_LOG="$BURGERKRACHT_TEST_SERVICES/template-migrate.log"
  if "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$TEMPLATE_DB"; then
    DJANGO_SETTINGS_MODULE=burgerkracht.settings.test DATABASE_URL="${DATABASE_URL%/*}/$TEMPLATE_DB" \
      $PY manage.py migrate --no-input --verbosity 2 >"$TEMPLATE_LOG" 2>&1 &
    template_pid=$!
  fi
fi

step "ruff"
.venv/bin/ruff check . && .venv/bin/ruff format --check . || status=1

step "mypy"
tests/harness/typecheck.sh || status=1

step "makemigrations --check"
DJANGO_SETTINGS_MODULE=burgerkracht.settings.test $PY manage.py makemigrations --check --dry-run || status=1

step "translations complete"
$PY tests/harness/check_po.py || status=1

step "check --deploy (production settings)"
env -i PATH="$PATH" HOME="${HOME:-/root}" DJANGO_SETTINGS_MODULE=burgerkracht.settings.base \
  DJANGO_SECRET_KEY="$(head -c 48 /dev/urandom | base64)" \
  FIELD_ENCRYPTION_KEYS="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')" DJANGO_ALLOWED_HOSTS=burgerkracht.example.org \
  SITE_URL=https://burgerkracht.example.org DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
  $PY manage.py check --deploy --fail-level WARNING || status=1

step "pytest"
if [ -n "$template_pid" ]; then
  if wait "$template_pid"; then
    # No connection to it from now on: CREATE DATABASE … TEMPLATE needs it unused.
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc \
      "ALTER DATABASE $TEMPLATE_DB WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"
    for _ in $(seq 100); do
      [ "$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '$TEMPLATE_DB'")" = 0 ] && break
      sleep 0.1
    done
    export BURGERKRACHT_TEST_TEMPLATE="$TEMPLATE_DB" BURGERKRACHT_TEST_TEMPLATE_LOG="$TEMPLATE_LOG"
    echo "test databases: copies of $TEMPLATE_DB (migrated once)"
  else
    echo "migrating the template database failed (each worker migrates its own):"
    tail -20 "$TEMPLATE_LOG"
  fi
fi
$PY -m pytest -n "${PYTEST_WORKERS:-2}" -p no:randomly --durations=30 "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest ran no test"; fi
[ $rc -ne 0 ] && status=1
exit $status
