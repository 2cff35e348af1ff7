# Prakat: two commands do everything. `make run` serves the demo agency on
# http://127.0.0.1:8000; `make test` runs the whole suite on SQLite and on PostgreSQL.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Which seed agency the demo is (kamphaeng-phet, hot, mueang-loei); empty: the default one.
DEMO ?=
export PRAKAT_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: backup restore translations-coverage run dev test test-sqlite test-sqlite-servers test-sqlite-rest test-postgres lint format messages install install-dev system-deps system-test-deps setup clean

# --- environment -----------------------------------------------------------------------

PIP_INSTALL := $(PIP) install --quiet --disable-pip-version-check

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

# The test packages and the site's in one install (requirements-dev.txt includes the other).
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The Thai catalogue is compiled here, not committed.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --statistics -d prakat/locale -D django
	$(VENV)/bin/pybabel compile --statistics -d prakat/thai/translations -D django
	$(VENV)/bin/pybabel compile --statistics -d prakat/thai/translations -D djangojs

# Debian's Chromium for browser tests and PostgreSQL server for the PostgreSQL run.
system-test-deps:
	bin/install-system-packages --test

system-deps:
	bin/install-system-packages

# --- the two commands ------------------------------------------------------------------

setup: install messages system-deps
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py load_demo $(if $(DEMO),--agency $(DEMO))

# The production stack: gunicorn (a worker a core) and the job worker beside it.
run: setup
	@echo "Prakat: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/admin/)"
	$(PY) bin/serve $(HOST):$(PORT)

# For working on the code only: Django's development server, reloading on every change.
dev: setup
	PRAKAT_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The SQLite and PostgreSQL passes are independent (own databases, servers on free ports),
# so they run side by side; each one's output is printed whole when it ends. The SQLite pass
# runs as two jobs of about the same length: the tests that serve the demo install (the browser
# tests, sharing one server and one Chromium, and the benchmark's smoke run, which copies the
# same install), and the rest. The PostgreSQL pass runs what depends on the engine and the
# scale-out machines, which share its server (prakat/conftest.py).
test: install-dev messages system-test-deps lint
	$(MAKE) --no-print-directory -j3 --output-sync=target test-sqlite-servers test-sqlite-rest test-postgres

# The whole SQLite pass in one job, and its two parts as `make test` runs them.
test-sqlite:
	$(PY) -m pytest

test-sqlite-servers:
	$(PY) -m pytest -m "browser or bench"

test-sqlite-rest:
	$(PY) -m pytest -m "not browser and not bench and not scale_out"

test-postgres:
	$(PY) bin/with-postgres --no-autovacuum $(PY) -m pytest

# One sealed archive of the database and files (var/backups/); restore into an empty, migrated
# install, with the backup key (PRAKAT_BACKUP_KEY or var/backup_key) in place:
#   make restore ARCHIVE=var/backups/prakat-….backup
backup: install
	$(PY) manage.py backup

restore: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py restore $(ARCHIVE)

translations-coverage: install messages
	$(PY) manage.py translation_coverage

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache test-artifacts
