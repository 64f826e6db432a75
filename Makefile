# Canopy: `make run` starts the whole system on its embedded default; `make test` passes the
# whole suite against a real Kafka-protocol broker and the real ClickHouse engine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PACKAGES := shared services/tenancy services/template-distribution services/observation-intake \
	services/anonymizer services/analytics

.PHONY: install run stop test test-unit test-integration test-e2e lint format bench clean

install: $(STAMP)

# Reinstall only when a dependency list or package definition changes.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt $(addsuffix /pyproject.toml,$(PACKAGES))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	$(PY) -m pip install --quiet --no-build-isolation --no-deps $(addprefix -e ,$(PACKAGES))
	touch $(STAMP)

run: install
	$(PY) -m canopy_shared.runtime.launcher

stop:
	@if [ -f var/run.pid ]; then kill -TERM $$(cat var/run.pid) && echo "stopping Canopy (pid $$(cat var/run.pid))"; \
	else echo "Canopy is not running (no var/run.pid)"; fi

test: install
	$(PY) -m pytest

test-unit: install
	$(PY) -m pytest -m "not integration and not e2e"

test-integration: install
	$(PY) -m pytest -m integration

test-e2e: install
	$(PY) -m pytest -m e2e

# Speed and memory against ceilings measured in the same run (tests/benchmark/run.py).
# SCALE=default (1M walkthroughs for the dashboards, a few minutes), large (10M) or smoke.
SCALE ?= default
bench: install
	$(PY) tests/benchmark/run.py --scale $(SCALE)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
