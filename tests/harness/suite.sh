#!/usr/bin/env bash
# The whole gate, run inside services.sh: lint, types, migrations, translations, deploy check,
# pytest.
set -uo pipefail
PY=.venv/bin/python
status=0
step() { echo "== $*"; }

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
$PY -m pytest -n "${PYTEST_WORKERS:-2}" -p no:randomly --durations=30 "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest ran no test"; fi
[ $rc -ne 0 ] && status=1
exit $status
