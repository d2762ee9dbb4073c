# The two commands: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-lohit-guru fonts-wqy-microhei
APT_TEST := chromium chromium-driver poppler-utils nginx wrk

.PHONY: run test lock lint format vendor system-packages test-system-packages services clean

run: system-packages $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py search_reindex
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: system-packages test-system-packages $(STAMP) services
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r .
	$(BIN)/python scripts/audit_dependencies.py
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || bash scripts/apt-ensure.sh python3-venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

# Re-lock the dependency set after changing pyproject.toml (needs the package index).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[test]'
	{ sed -n '1,2p' requirements.lock; .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

# Debian packages: installed only when missing, so a prepared machine needs no root.
system-packages:
	@bash scripts/apt-ensure.sh $(APT_RUN)

test-system-packages:
	@bash scripts/apt-ensure.sh $(APT_TEST)

services:
	@bash scripts/ensure-services.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the vendored GOV.UK Frontend and htmx from npm (needs Node; running the app does not).
vendor:
	bash scripts/vendor.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache
