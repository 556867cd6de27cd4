# Citizen Office — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/citizen_office_test
CHROMIUM ?= /usr/bin/chromium
# Links in emails, SMS and QR codes made outside a page (seed_demo, the worker) point at this server unless
# SITE_URL is set; pages link to the address they were served at (core.sites). 0.0.0.0 is no address to link to.
SITE_URL ?= http://$(if $(filter 0.0.0.0 :: [::],$(HOST)),127.0.0.1,$(HOST)):$(PORT)
export SITE_URL

.PHONY: run dev drill test install install-dev migrate demo lint imports functions typecheck migrations-check check-deploy \
        test-sqlite test-postgres test-server test-browser messages lock totp bench bench-desk bench-signup clean var cluster

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	@touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed
install-dev: $(VENV)/.dev-installed

var:
	@mkdir -p var/static var/mail

migrate: install var
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py import_territories

demo: migrate
	$(BIN)/python manage.py seed_demo

## make run: install, migrate, load the demo data and serve web + worker on http://$(HOST):$(PORT), as production
## serves (debug off, the site's own error pages, hashed static files through WhiteNoise, two gunicorn workers)
run: demo
	@DEBUG=false STATIC_MANIFEST=true $(BIN)/python manage.py collectstatic --no-input -v 0
	@echo
	@echo "Citizen Office is starting on http://$(HOST):$(PORT)  (Ctrl-C stops the web server and the worker)"
	@echo "Emails it sends: $(SITE_URL)/en/dev/mail/ and var/mail/*.eml"
	@echo
	@$(BIN)/python manage.py demo_accounts
	@echo
	@DEBUG=false STATIC_MANIFEST=true bash scripts/serve.sh "$(HOST)" "$(PORT)"

## make cluster: what a national deployment runs, on this machine: nginx (the distribution's) in front of two gunicorn
## app servers and a worker, on the local PostgreSQL and Redis (scripts/cluster.sh; docs/operations.md)
cluster: install var
	@bash scripts/cluster.sh "$(HOST)" "$(PORT)"

## make dev: the same platform on Django's debug server (reloads on change, tracebacks in the browser) + the worker
dev: demo
	@echo "Citizen Office (debug server) on http://$(HOST):$(PORT)  (Ctrl-C stops it and the worker)"
	@DEBUG=true STATIC_MANIFEST=false SERVER=runserver bash scripts/serve.sh "$(HOST)" "$(PORT)"

totp: install
	@$(BIN)/python manage.py demo_accounts | tail -n 1

## make test: everything CI checks
test: install-dev var lint imports functions typecheck migrations-check check-deploy test-sqlite test-postgres test-server test-browser
	@echo "make test: all checks passed."

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Import contracts between the apps ([tool.importlinter] in pyproject.toml)
imports: install-dev
	$(BIN)/lint-imports

## No function of the project's own code over 60 lines (migrations and tests aside)
functions: install-dev
	$(BIN)/python scripts/long_functions.py

typecheck: install-dev
	$(BIN)/mypy .

migrations-check: install-dev var
	$(BIN)/python manage.py makemigrations --check --dry-run

check-deploy: install-dev var
	CITIZEN_OFFICE_ENV=production DEBUG=false ALLOWED_HOSTS=citizen-office.example SITE_URL=https://citizen-office.example REDIS_URL=redis://127.0.0.1:6379/0 \
	IDENTITY_HASH_KEY="check-deploy-identity-key-0123456789abcdef" AUDIT_CHAIN_KEY="check-deploy-audit-key-0123456789abcdef" \
	SECRET_KEY="check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 60)" \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: install-dev var
	$(BIN)/pytest -m "not browser and not server"

test-postgres: install-dev var
	@if $(BIN)/python scripts/pg_available.py "$(PG_TEST_URL)"; then \
		echo "PostgreSQL answers at 127.0.0.1:5432: running the suite on it."; \
		DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest -m "not browser and not server"; \
	else \
		echo "SKIPPED: PostgreSQL is not reachable at 127.0.0.1:5432; the suite ran on SQLite only."; \
	fi

## The application started as `make run` starts it (gunicorn, several workers) and driven over HTTP.
test-server: install-dev var
	$(BIN)/pytest -m server

## The crash drill at full length: 1000 filings from 8 clients; the web server and the worker are killed with SIGKILL
## half-way (on SQLite, then on PostgreSQL if it answers). `make test` runs it with 80 filings. DRILL_FILINGS=N for another size.
DRILL_FILINGS ?= 1000
drill: install-dev var
	DRILL_FILINGS=$(DRILL_FILINGS) $(BIN)/pytest -m server -s server_tests/test_crash_drill.py

test-browser: install-dev var
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "Chromium found at $(CHROMIUM): running the browser tests."; \
		CHROMIUM_PATH="$(CHROMIUM)" $(BIN)/pytest -m browser; \
	else \
		echo "SKIPPED: no Chromium at $(CHROMIUM); browser tests not run (.ci/run installs it)."; \
	fi

## Regenerate translation catalogues (needs GNU gettext), then fill in ar/fr/en.
messages: install-dev
	$(BIN)/python manage.py makemessages -l ar -l zgh -l fr -l en --ignore=.venv --ignore=var --no-location
	$(BIN)/python manage.py compilemessages --ignore=.venv

## Regenerate the lock files from requirements/*.in
lock: install-dev
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe -o requirements/dev.txt requirements/dev.in

bench: install-dev var
	$(BIN)/python scripts/bench_pages.py

## Sign-up's time and page size, with the project's password hasher and with PBKDF2 (not part of make test)
bench-desk: install-dev var
	$(BIN)/python scripts/bench_desk.py

bench-signup: install-dev var
	$(BIN)/python scripts/bench_signup.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
