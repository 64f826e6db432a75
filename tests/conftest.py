"""Fixtures shared by every test suite.

Integration tests get a real Tansu broker of their own (it starts in milliseconds, so each test
is isolated from the others' messages) and real ClickHouse (chdb) stores in temporary folders.
A service's suite that defines `app` gets `client` for it; `signer` mints tokens that an app
built with `signer.verifier()` accepts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from canopy_shared.telemetry import configure_tracing
from canopy_shared.testing.broker import RunningBroker, running_broker
from canopy_shared.testing.postgres import running_postgres, server_binaries
from canopy_shared.testing.tokens import TestSigner

_SPANS = InMemorySpanExporter()

# Tests never assert on wall-clock time: Hypothesis' per-example deadline is such an assertion,
# and on a loaded two-core machine it fails examples that are merely slow. `make test` draws the
# same examples every run (a red CI run is reproducible); HYPOTHESIS_PROFILE=explore draws new
# ones, ten times as many, for a deeper search (`make explore`).
settings.register_profile("canopy", deadline=None, derandomize=True)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "canopy"))


@pytest.fixture(scope="session", autouse=True)
def _tracing() -> None:
    # One tracer provider per process (OpenTelemetry allows setting it once), recording spans.
    configure_tracing("canopy-tests", extra_processor=SimpleSpanProcessor(_SPANS))


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    _SPANS.clear()
    yield _SPANS


@pytest.fixture
def broker() -> Iterator[RunningBroker]:
    with running_broker() as running:
        yield running


@pytest.fixture(scope="session")
def signer() -> TestSigner:
    return TestSigner()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server for the session: CANOPY_TEST_POSTGRES_URL when set, else a throwaway
    one started from the installed server binaries (`.ci/run` installs them)."""
    if url := os.environ.get("CANOPY_TEST_POSTGRES_URL"):
        yield url
        return
    if server_binaries() is None:
        pytest.skip("PostgreSQL server binaries are not installed (Debian package postgresql)")
    with running_postgres() as url:
        yield url
