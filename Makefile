# Partnership: the two commands a fresh clone needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DEMO_PASSWORD_FILE := var/demo-password
# Used by the second test pass; the machine's own PostgreSQL and Redis by default.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/partnership
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test test-sqlite test-postgres lint format install frontend migrate demo bench check-deploy clean

## make run: install, build the front end, migrate, load the demo and serve on 127.0.0.1:8000
run: install frontend migrate demo
	@echo "Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: lint, then the whole suite on SQLite and again on PostgreSQL with Redis and a worker
test: install frontend lint test-sqlite test-postgres

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when the dependencies change, so a second `make run` is quick.
$(VENV)/.installed: $(BIN)/activate pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/application.css: node_modules/.installed $(wildcard frontend/scss/*.scss) frontend/copy-assets.mjs
	npm run --silent build

frontend: static/build/application.css

migrate: install
	$(PY) manage.py migrate --no-input

$(DEMO_PASSWORD_FILE):
	@mkdir -p var
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(12))" > $@

demo: install $(DEMO_PASSWORD_FILE)
	@DEMO_PASSWORD="$${DEMO_PASSWORD:-$$(cat $(DEMO_PASSWORD_FILE))}" $(PY) manage.py load_demo
	@echo "Sign in at http://127.0.0.1:8000/accounts/login/ with any account above and the password: $${DEMO_PASSWORD:-$$(cat $(DEMO_PASSWORD_FILE))}"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# First pass: SQLite, tasks in-process, and the browser journeys (run once, here).
test-sqlite: install frontend
	env -u DATABASE_URL -u CELERY_BROKER_URL $(BIN)/pytest -m "not broker and not postgres"

# Second pass: PostgreSQL, a real Redis broker and a real Celery worker process.
test-postgres: install frontend
	@if $(PY) scripts/services_ready.py "$(TEST_DATABASE_URL)" "$(TEST_BROKER_URL)"; then \
		DATABASE_URL="$(TEST_DATABASE_URL)" CELERY_BROKER_URL="$(TEST_BROKER_URL)" \
			$(BIN)/pytest -m "not browser and not in_process" -p no:cacheprovider; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL or Redis is not reachable, and CI needs both." >&2; exit 1; \
	else \
		echo "Skipping the PostgreSQL + Redis pass: the services are not reachable."; \
	fi

## make bench: pages, imports and reports at national scale, and a 60-second load test (bench/results.md)
bench: install frontend .venv-load/.installed
	$(PY) scripts/bench.py

# The load test's tools (locust), pinned, in a virtualenv of their own.
.venv-load/.installed: bench/requirements-load.txt
	$(PYTHON) -m venv .venv-load
	.venv-load/bin/pip install --quiet --disable-pip-version-check -r bench/requirements-load.txt
	touch $@

check-deploy: install
	DEBUG=0 SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=partnership.example.org $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .venv-load node_modules static/build staticfiles .pytest_cache .ruff_cache
