"""OpenTelemetry tracing, set up once per process, and trace context carried in Kafka headers.

Call `configure_tracing` after gunicorn forks (span processors own a background thread). The
exporter is chosen by the standard OTEL_TRACES_EXPORTER variable: none (default), console, otlp.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from opentelemetry import context, propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

_configured_pid: int | None = None


def _exporter_processor(kind: str) -> SpanProcessor | None:
    if kind == "console":
        return BatchSpanProcessor(ConsoleSpanExporter())
    if kind == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return BatchSpanProcessor(OTLPSpanExporter())  # endpoint from OTEL_EXPORTER_OTLP_*
    return None


def configure_tracing(
    service_name: str,
    *,
    extra_processor: SpanProcessor | None = None,
    environ: Mapping[str, str] | None = None,
) -> TracerProvider | None:
    """Install a tracer provider for this process (idempotent per process id)."""
    global _configured_pid
    if _configured_pid == os.getpid():
        return None
    env = environ if environ is not None else os.environ
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    processor = _exporter_processor(env.get("OTEL_TRACES_EXPORTER", "none"))
    for p in (processor, extra_processor):
        if p is not None:
            provider.add_span_processor(p)
    trace.set_tracer_provider(provider)
    _configured_pid = os.getpid()
    return provider


def inject_headers() -> list[tuple[str, bytes]]:
    """The current trace context as Kafka headers (W3C traceparent/tracestate)."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return [(k, v.encode()) for k, v in carrier.items()]


def extract_context(headers: Sequence[tuple[str, bytes]] | None) -> context.Context:
    """The trace context a producer put in a record's headers (empty context if none).

    kafka-python's instrumentation only traces `send` and `__next__`; our consumers use `poll()`
    batches, so each record's context is extracted here.
    """
    carrier = {k: v.decode("latin-1") for k, v in (headers or [])}
    return propagate.extract(carrier)


def current_trace_id() -> str | None:
    span_context = trace.get_current_span().get_span_context()
    return format(span_context.trace_id, "032x") if span_context.is_valid else None
