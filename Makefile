# Samverkan – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json.
AXE := node_modules/axe-core/axe.min.js

.PHONY: run serve setup db test test-fast lint format clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The E-ARK validator for the archive tests: its own pin of lxml (5.1.0) conflicts with ours,
	# and it runs on ours, so it is installed without its dependency pins (README, "Arkiv").
	$(BIN)/python -m pip install --quiet --no-deps eark-validator==1.1.3 importlib-resources==5.12.0
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
# The site is loaded once before the workers fork (--preload); a worker is restarted when a request
# takes longer than GUNICORN_TIMEOUT seconds, which must stay above two SQLite busy timeouts
# (SQLITE_BUSY_TIMEOUT, 20 s: a request waiting for the write lock is answered, not killed).
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn samverkan.wsgi --bind "$(HOST):$(PORT)" \
		--workers "$${WEB_CONCURRENCY:-$$(( $$(nproc) * 2 + 1 ))}" \
		--worker-class gthread --threads "$${GUNICORN_THREADS:-4}" --keep-alive 0 \
		--preload --timeout "$${GUNICORN_TIMEOUT:-60}" \
		--access-logfile - --logger-class lib.gunicorn_logging.RedactingLogger \
		--forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# The suite on $(TEST_WORKERS) processes (pytest-xdist), each with its own test database; a file's
# tests stay on one worker, so module-scoped data is built once. xdist's own order (files with most
# tests first) is kept: measured on 2026-12-07, the longest-first order (--no-loadscope-reorder)
# took 1,478 s against 1,140 s, since xdist then queued several long files on one worker.
# `make test-fast` leaves out the tests marked slow (the two fuzz runs, the concurrency and
# two-node runs, the browser tests); CI runs `make test`, all of them.
TEST_WORKERS ?= 2
PYTEST_XDIST := -n $(TEST_WORKERS) --dist loadfile

test: setup $(AXE)
	$(BIN)/python -m pytest $(PYTEST_XDIST) --durations=25

test-fast: setup
	$(BIN)/python -m pytest $(PYTEST_XDIST) -m "not slow and not browser"

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
