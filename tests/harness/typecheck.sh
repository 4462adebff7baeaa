#!/usr/bin/env bash
# mypy on the typed layer that pyproject.toml's [tool.mypy] names: every services, selectors
# and permissions module. Run by `make typecheck`, by the gate (suite.sh) and by pre-commit.
# django-stubs loads burgerkracht.settings.test, which needs a DATABASE_URL but never connects:
# outside `make test` a placeholder does. Arguments go to mypy (e.g. --no-incremental).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DATABASE_URL="${DATABASE_URL:-postgres://typecheck@localhost/typecheck}"
exec .venv/bin/python -m mypy "$@"
