# Canopy: `make run` starts the whole system on its embedded default; `make test` passes the
# whole suite against a real Kafka-protocol broker and the real ClickHouse engine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PACKAGES := shared services/tenancy services/template-distribution services/observation-intake \
	services/anonymizer services/analytics

.PHONY: explore profile install system-packages web-deps web-api web-api-check test-web run stop test test-unit \
	test-integration test-e2e test-postgres fuzz faults lint format bench clean

WEB := services/web
NPM := npm --prefix $(WEB) --no-audit --no-fund --loglevel=error

install: $(STAMP)

# Reinstall only when a dependency list or package definition changes.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt $(addsuffix /pyproject.toml,$(PACKAGES))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	$(PY) -m pip install --quiet --no-build-isolation --no-deps $(addprefix -e ,$(PACKAGES))
	touch $(STAMP)

# Debian packages the tests need (PostgreSQL server binaries, Chromium); quiet when present.
system-packages:
	@deploy/dev/install-system-packages.sh

# The web app's node_modules, reinstalled (npm ci) only when its lock file changes. Node and npm
# come from the machine.
web-deps: $(WEB)/node_modules/.canopy-installed
$(WEB)/node_modules/.canopy-installed: $(WEB)/package-lock.json
	$(NPM) ci
	touch $@

# Typed API clients: each service's OpenAPI document (built in-process, no running system),
# then the TypeScript types generated from them.
web-api: install web-deps
	$(PY) $(WEB)/scripts/dump_openapi.py
	$(NPM) run gen:api

# CI: the committed documents and clients are what the services' code produces now.
web-api-check: web-api
	@changed="$$(git status --porcelain -- $(WEB)/openapi $(WEB)/src/api/generated)"; \
	if [ -n "$$changed" ]; then echo "$$changed"; git --no-pager diff --stat -- $(WEB); \
	echo "!! the web app's API clients are out of date: run \`make web-api\` and commit"; exit 1; fi

# The web app's type check and unit tests (Vitest).
test-web: web-api-check
	$(NPM) run typecheck
	$(NPM) test

run: install
	$(PY) -m canopy_shared.runtime.launcher

stop:
	@if [ -f var/run.pid ]; then kill -TERM $$(cat var/run.pid) && echo "stopping Canopy (pid $$(cat var/run.pid))"; \
	else echo "Canopy is not running (no var/run.pid)"; fi

# Then a bounded round on production's database: walkthroughs end to end and one fault round
# with every service on PostgreSQL (`make test-postgres` runs every end-to-end suite so).
POSTGRES_ROUND := tests/e2e/test_walkthroughs_anonymized.py tests/e2e/faults/test_faults.py
test: install system-packages test-web
	$(PY) -m pytest
	CANOPY_TEST_DATABASE=postgresql $(PY) -m pytest -p no:cacheprovider $(POSTGRES_ROUND)

test-unit: install
	$(PY) -m pytest -m "not integration and not e2e"

test-integration: install
	$(PY) -m pytest -m integration

test-e2e: install system-packages
	$(PY) -m pytest -m e2e

# The end-to-end and fault-injection suites with every service on PostgreSQL, production's
# database (a throwaway server on a free port; tests/e2e/conftest.py), instead of SQLite.
test-postgres: install system-packages
	CANOPY_TEST_DATABASE=postgresql $(PY) -m pytest -m e2e -p no:cacheprovider

# Property-based tests (privacy attacks, contracts) with fresh, ten times more examples than the
# fixed draw `make test` uses.
explore: install
	HYPOTHESIS_PROFILE=explore $(PY) -m pytest -m "not integration and not e2e" -p no:cacheprovider

# A deeper schema-driven fuzz round than `make test` runs (tests/fuzz/): every service's OpenAPI
# document, every role, FUZZ_EXAMPLES requests per operation, mode and role; derandomized.
FUZZ_EXAMPLES ?= 200
fuzz: install
	CANOPY_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/fuzz -p no:cacheprovider -s --timeout=0

# Deeper fault injection than `make test` runs: every process kind SIGKILLed FAULT_ROUNDS times
# (3; FAULT_SEED varies the moments) under load, then a restart; nothing acknowledged is lost.
FAULT_ROUNDS ?= 3
faults: install
	FAULT_ROUNDS=$(FAULT_ROUNDS) $(PY) -m pytest -s -m e2e tests/e2e/faults

# Speed and memory against ceilings measured in the same run (tests/benchmark/run.py).
# SCALE=default (1M walkthroughs for the dashboards, a few minutes), large (10M) or smoke.
SCALE ?= default
# Then the soak: steady load for SOAK_S seconds (30 minutes; 0 skips it), every process's memory
# sampled, lag from intake's acknowledgement to analytics' count (tests/benchmark/soak.py).
SOAK_S ?= 1800
PROFILE_S ?= 20
# Where intake's and the anonymizer's time goes, under load (py-spy; see tests/benchmark/README.md).
profile: install
	$(PY) tests/benchmark/profile_run.py --seconds $(PROFILE_S)

bench: install
	$(PY) tests/benchmark/run.py --scale $(SCALE)
	@if [ "$(SOAK_S)" != "0" ]; then $(PY) tests/benchmark/soak.py --seconds $(SOAK_S); fi

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(WEB)/dist $(WEB)/node_modules
