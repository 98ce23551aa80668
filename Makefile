# SEND Readiness: the commands a new machine needs. `make run` for the demo, `make test` for the suite.
VENV := .venv
PY := $(VENV)/bin/python
FLASK := TRACKER_DEMO=1 $(VENV)/bin/flask --app tracker
PORT ?= 5000

.PHONY: install run serve test test-provider test-postgres bench load assets lint

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

## Install, migrate, load reference data and (on an empty database) the demo, then serve on 127.0.0.1:$(PORT)
## with the background worker (reports) running beside the web server; Ctrl+C stops both.
run: install
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) demo --if-empty
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

## Production: migrate, then gunicorn (2 x CPUs + 1 workers) on $(BIND) and the job worker, against
## DATABASE_URL and REDIS_URL (queue and sign-in throttle shared by every server); needs SECRET_KEY.
BIND ?= 0.0.0.0:8000
WORKERS ?= $(shell echo $$(( 2 * $$(nproc) + 1 )))
serve: install
	$(VENV)/bin/flask --app tracker db upgrade
	$(VENV)/bin/flask --app tracker worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn --workers $(WORKERS) --bind $(BIND) 'tracker:create_app()'

## The whole suite on SQLite (set TEST_DATABASE_URL=postgresql://... for PostgreSQL).
test: install test-provider
	$(PY) -m pytest

# The OpenID provider the sign-in tests run against (npm's certified oidc-provider); skipped without npm.
test-provider: tests/oidc_provider/node_modules/.package-lock.json
tests/oidc_provider/node_modules/.package-lock.json: tests/oidc_provider/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/oidc_provider --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the identity-provider browser tests will be skipped"; fi

test-postgres: install test-provider
	TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test $(PY) -m pytest

bench: install
	$(PY) -m tests.bench

## A bounded load run: 50 users for 60 seconds against gunicorn on PostgreSQL (its own database, tracker_load,
## dropped first; PG_URL and LOAD_* override), checking for server errors and lost updates; about 3 minutes.
load: install
	$(PY) scripts/load.py

## Rebuild static/ from the pinned govuk-frontend (needs Node; the built files are committed).
assets:
	npm ci
	npm run build

lint: install
	$(VENV)/bin/ruff check tracker tests config.py
