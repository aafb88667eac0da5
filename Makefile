# Samverkan – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json.
AXE := node_modules/axe-core/axe.min.js

.PHONY: run serve setup db test lint format clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

db: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_structure
	$(BIN)/python manage.py load_demo

run: db
	@echo "Samverkan körs på http://$(HOST):$(PORT)/ (avsluta med Ctrl+C)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $(AXE); \
	else echo "npm is missing: the browser tests cannot check accessibility (apt-get install npm)"; fi

# Production: migrate, collect static files, gunicorn with 2 x cores + 1 workers on $HOST:$PORT.
# The logger class keeps tokens of survey links, calendar feeds and reset links out of its logs.
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn samverkan.wsgi --bind "$(HOST):$(PORT)" \
		--workers "$${WEB_CONCURRENCY:-$$(( $$(nproc) * 2 + 1 ))}" \
		--access-logfile - --logger-class lib.gunicorn_logging.RedactingLogger \
		--forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

test: setup $(AXE)
	$(BIN)/python -m pytest

# Benchmark: demo vs national volume on a throwaway PostgreSQL (see README, "Prestanda").
# Env: SCALE (1.0; 0.01 quick), REPEAT (30), BENCH_JSON, BENCH_ARGS, budgets BENCH_MAX_*.
bench: setup
	bash bench/run.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache node_modules
