# Mekle: `make run` to try it, `make test` before every commit.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
MANAGE := $(UV) run python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address in the links e-mails carry: `make run` and `make worker` both use it, so a worker beside
# `make run PORT=8080` writes links to port 8080 too. A MEKLE_PUBLIC_URL set in the environment or on
# the command line wins over HOST and PORT.
MEKLE_PUBLIC_URL ?= http://$(HOST):$(PORT)
# `make run` serves with DEBUG off, as production does: the product's own 404 and 500 pages in the
# user's language, and the hashed static files. `make run DEBUG=1` shows Django's debug pages instead.
DEBUG ?= 0
# Every tool here starts many Python processes (pytest's workers, mypy, manage.py): let them keep
# their compiled bytecode (and pytest its rewritten test modules) instead of compiling Django and
# every library again in each one, which cost about 30 s of each test worker's start.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install run serve worker test test-slow test-all test-browser test-postgres lint types check-django fmt messages bench demo clean

help:
	@echo "make run           install, migrate, load demo data on first run, serve on http://$(HOST):$(PORT)"
	@echo "                   (DEMO=1 to load demo data into the PostgreSQL database DATABASE_URL names)"
	@echo "make test          lint, types, import boundaries, Django checks and the test suite"
	@echo "make test-all      make test, then the slow tests it leaves out (fuzzing), then the browser tests"
	@echo "make test-browser  browser tests in Debian's Chromium (Playwright) with axe-core"
	@echo "make worker        run the background task worker"
	@echo "make bench         build a 100,000-case database and load-test the pages"
	@echo "make fmt           format and fix the code"
	@echo "make messages      update and compile the translations"

$(UV):
	python3 -m pip install --user --quiet uv || python3 -m pip install --quiet --break-system-packages uv

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

node_modules/.installed: package.json package-lock.json designsystemet.config.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The hashed, compressed copy of the static files and its manifest (STORAGES in mekle/settings.py),
# which every process with DEBUG off reads: made again only when a static file or a package changes
# (collectstatic takes about 25 s).
STATIC_SOURCES := $(shell find mekle -path '*/static/*' -type f 2>/dev/null)
staticfiles/staticfiles.json: .venv/.installed node_modules/.installed $(STATIC_SOURCES)
	$(MANAGE) collectstatic --no-input -v0
	@touch $@

install: .venv/.installed node_modules/.installed staticfiles/staticfiles.json

# The demo staff have a known password: into a database other than the embedded SQLite (DATABASE_URL)
# they go only with DEMO=1 (seed_demo --yes).
# With DATABASE_URL set and DEBUG off the set-up looks like production, whose entry points refuse the
# key generated in var/ (mekle/lib/keys.py): `make run` names that development key explicitly
# (SECRET_KEY_FILE) unless SECRET_KEY or SECRET_KEY_FILE is set.
LOCAL_KEY := $(if $(SECRET_KEY)$(SECRET_KEY_FILE),,SECRET_KEY_FILE=$(or $(MEKLE_VAR_DIR),var)/secret_key)
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo --if-empty $(if $(filter 1 yes,$(DEMO)),--yes)
	MEKLE_PUBLIC_URL=$(MEKLE_PUBLIC_URL) $(MANAGE) demo_logins --url $(MEKLE_PUBLIC_URL)/
	DEBUG=$(DEBUG) MEKLE_PUBLIC_URL=$(MEKLE_PUBLIC_URL) $(LOCAL_KEY) $(MANAGE) runserver $(HOST):$(PORT)

# db_worker with a heartbeat (a dead worker's task runs again) and the periodic sweep: docs/tasks.md.
worker: install
	MEKLE_PUBLIC_URL=$(MEKLE_PUBLIC_URL) $(MANAGE) run_worker

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .

types: install
	$(UV) run mypy mekle tests conftest.py scripts

check-django: install
	$(UV) run lint-imports
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(UV) run python -m mekle.lib.check_translations

# The lifecycle, every rules module and the access layer are gated at 100% coverage.
COVERAGE_GATED := mekle/cases/lifecycle.py,mekle/*/rules.py,mekle/access/lookups.py,mekle/access/selectors.py,mekle/access/case_list.py,mekle/access/decorators.py,mekle/access/services.py

# `make test` stays under 3 minutes of pytest on 2 cores: what cannot be fast is marked `slow`
# (deselected here, never skipped) and runs in `make test-all`, which CI runs too.
test: lint types check-django
	$(UV) run pytest -n 2 -m "not browser and not slow" --cov=mekle --cov-report=
	$(UV) run coverage report --include="$(COVERAGE_GATED)" --fail-under=100 --show-missing

# The slow tests, and the migrations applied to an empty database (the tests build theirs from the models).
test-slow: install
	$(UV) run pytest -n 2 -m "slow"
	rm -f var/migrate-check.sqlite3 && DATABASE_URL= SQLITE_PATH=var/migrate-check.sqlite3 $(MANAGE) migrate --no-input -v0 && rm -f var/migrate-check.sqlite3

test-all: test test-slow test-browser

test-browser: install
	$(UV) run pytest -m browser -p no:xdist

fmt: install
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

messages: install
	$(MANAGE) makemessages -l nb -l nn -l en --no-obsolete --add-location file -i node_modules -i .venv
	$(MANAGE) compilemessages -i node_modules -i .venv

# BENCH_ARGS, e.g. "--before main --cases 20000": see `uv run python -m bench.run --help`.
bench: install
	$(UV) run python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf .venv node_modules var staticfiles
