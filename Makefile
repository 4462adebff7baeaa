# Burgerkracht portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $(STAMP)

BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): requirements-bench.lock
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -r requirements-bench.lock
	touch $(BENCH_STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies (with the test tools)

lock: ## Re-resolve requirements.lock (production) and requirements-dev.lock from pyproject.toml
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet pyproject.toml -o requirements.lock --python-version 3.11
	$(VENV)/bin/uv pip compile --quiet pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11
	$(VENV)/bin/uv pip compile --quiet pyproject.toml --extra bench -o requirements-bench.lock --python-version 3.11

# The test OIDC broker (tests/oidc): Node packages from tests/oidc/package-lock.json.
BROKER_STAMP := tests/oidc/node_modules/.installed
BROKER_PORT ?= 8900

$(BROKER_STAMP): tests/oidc/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install nodejs and npm (Node.js 20 or newer)"; exit 1; }
	cd tests/oidc && npm ci --silent --no-audit --no-fund
	touch $(BROKER_STAMP)

# make run PORT=8123: several checkouts side by side, each with its own cluster in its var/.
PORT ?= 8000

run: install ## The portal with demo data on its own PostgreSQL, http://localhost:8000 (PORT=… for another)
	bash tests/harness/system-packages.sh run
	PORT=$(PORT) DJANGO_SETTINGS_MODULE=burgerkracht.settings.dev \
	  tests/harness/services.sh --keep var/postgres $(PY) manage.py run_demo

test: install ## Run the whole gate on throwaway PostgreSQL, Redis and OIDC broker: ruff, mypy, migrations, translations, deploy check, pytest
	bash tests/harness/system-packages.sh
	$(MAKE) --no-print-directory $(BROKER_STAMP)
	tests/harness/services.sh tests/harness/suite.sh $(ARGS)

broker: ## The test OIDC broker (test DigiD, eHerkenning, staff SSO) beside make run, http://127.0.0.1:8900 (BROKER_PORT=…)
	bash tests/harness/system-packages.sh broker
	$(MAKE) --no-print-directory $(BROKER_STAMP)
	OIDC_TEST_PORT=$(BROKER_PORT) node tests/oidc/provider.mjs

bench: install $(BENCH_STAMP) ## Measure P1-P7 on the scale data set (about 30 min); table in var/bench/latest.md
	bash tests/harness/system-packages.sh
	tests/harness/services.sh $(PY) -m tests.bench $(ARGS)

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install ## mypy on the services, selectors and permissions ([tool.mypy] in pyproject.toml)
	tests/harness/typecheck.sh

fmt: install ## Format and autofix with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update locale/nl and compile it; fails on untranslated strings
	$(PY) tests/harness/check_po.py

check: install ## Django system checks with production settings
	DJANGO_SETTINGS_MODULE=burgerkracht.settings.base DJANGO_SECRET_KEY=check-only-$$RANDOM$$RANDOM$$RANDOM$$RANDOM-not-secret-value-0123456789 \
	  FIELD_ENCRYPTION_KEYS=$$(head -c 32 /dev/urandom | base64 | tr '+/' '-_') \
	  DJANGO_ALLOWED_HOSTS=burgerkracht.example.org SITE_URL=https://burgerkracht.example.org \
	  DATABASE_URL=postgres://check-only@localhost/burgerkracht \
	  $(PY) manage.py check --deploy --fail-level WARNING

migrate: install ## Apply migrations to the configured database
	$(PY) manage.py migrate

shell: install ## Django shell
	$(PY) manage.py shell

.PHONY: help install lock run broker test lint typecheck fmt messages check migrate shell
