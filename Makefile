# Usme Innova — the README's quick start is `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-stamp
# The optional e5 embeddings for brainstorm grouping suggestions (requirements-suggestions.txt); 0 leaves them out.
SUGGESTIONS_E5 ?= 1

.PHONY: install run dev test lint format messages translations bench faults clean backup restore audit

$(STAMP): requirements.txt requirements-suggestions.txt
	@PYTHON=$(PYTHON) bash tools/system_packages.sh run
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@if [ "$(SUGGESTIONS_E5)" = "1" ]; then $(BIN)/python -m pip install --quiet -r requirements-suggestions.txt; fi
	@touch $(STAMP)

install: $(STAMP)

translations: install
	$(MANAGE) compiletranslations

run: install translations
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Usme Innova en http://127.0.0.1:8000  (cuentas demo: ver README)"
	DEBUG=$${DEBUG:-0} INNOVA_STAFF_MFA_REQUIRED=$${INNOVA_STAFF_MFA_REQUIRED:-0} $(MANAGE) runserver --noreload 127.0.0.1:8000

# For developers: the same demo with Django's debug pages and reload on every change.
dev: install translations
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	DEBUG=1 INNOVA_STAFF_MFA_REQUIRED=0 $(MANAGE) runserver 127.0.0.1:8000

test: install translations
	@PYTHON=$(PYTHON) bash tools/system_packages.sh test
	CELERY_TASK_ALWAYS_EAGER=$${CELERY_TASK_ALWAYS_EAGER:-1} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract translatable strings (needs GNU gettext); then translate the new entries in locale/es.
messages: install
	$(MANAGE) makemessages -l es --no-obsolete --no-location --ignore=.venv --ignore=node_modules --ignore=bench --ignore=test-artifacts --ignore=staticfiles

bench: install translations
	@PYTHON=$(PYTHON) bash tools/system_packages.sh bench
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python -m bench $(BENCH)

# Soak and fault drills on a private PostgreSQL + Redis (FAULTS_SOAK_SECONDS, default 600): see bench/faults.py.
faults: install translations
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	$(BIN)/python -m bench.faults

# Database backup to backups/ (or OUT=path) and restore from FILE=path (replaces the current data).
backup: install
	$(MANAGE) backup $(if $(OUT),--output $(OUT))

restore: install
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/innova-….dump" && exit 2)
	$(MANAGE) restore $(FILE)

# Static security checks: bandit must be clean; pip-audit findings fail, an unreachable registry only warns.
audit: install
	$(BIN)/bandit -q -r innova -c pyproject.toml
	$(BIN)/python tools/pip_audit_check.py requirements.txt
	$(BIN)/python tools/pip_audit_check.py requirements-suggestions.txt

clean:
	rm -rf $(VENV) staticfiles test-artifacts
