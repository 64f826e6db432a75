"""Fixtures shared by every test suite.

Integration tests get a real Tansu broker of their own (it starts in milliseconds, so each test
is isolated from the others' messages) and real ClickHouse (chdb) stores in temporary folders.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from canopy_shared.telemetry import configure_tracing
from canopy_shared.testing.broker import RunningBroker, running_broker

_SPANS = InMemorySpanExporter()


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
