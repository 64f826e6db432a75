"""One trace spans HTTP request -> outbox -> relay -> topic -> consumer, through Kafka headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import MetaData

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import ConsumedMessage
from canopy_shared.messaging.outbox import add_to_outbox, define_outbox_table
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.apps import example_app
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.testing.messaging import (
    consumer_loop,
    kafka_publisher,
    region_created,
    run_until,
)
from canopy_shared.testing.tokens import TestSigner

pytestmark = pytest.mark.integration
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


def test_trace_id_set_at_http_request_reaches_the_consumer_span(
    broker: RunningBroker, tmp_path: Path, spans: InMemorySpanExporter
) -> None:
    metadata = MetaData()
    outbox = define_outbox_table(metadata)
    engine = make_engine(f"sqlite:///{tmp_path}/service.db")
    metadata.create_all(engine)
    sessions = make_session_factory(engine)

    def create_region(name: str) -> str:
        event = region_created(name)
        with sessions.begin() as session:
            add_to_outbox(session, outbox, TENANCY_EVENTS.name, event)
        return str(event.payload["region_id"])

    signer = TestSigner()
    client = example_app(verifier=signer.verifier(), create_region=create_region).test_client()
    response = client.post(
        "/v1/regions",
        json={"name": "Traced Region"},
        headers={
            "Authorization": f"Bearer {signer.mint(role=Role.REGION_ADMIN, org_tier='region')}",
            "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01",
        },
    )
    assert response.status_code == 201

    settings = broker.kafka_settings()
    relay = OutboxRelay(sessions=sessions, table=outbox, publisher=kafka_publisher(settings))
    assert relay.run_once() == 1

    seen_trace_ids: list[str] = []

    def handler(message: ConsumedMessage) -> None:
        context = trace.get_current_span().get_span_context()
        seen_trace_ids.append(format(context.trace_id, "032x"))

    loop = consumer_loop(
        settings,
        group_id="g-trace",
        topics=[TENANCY_EVENTS.name],
        handlers={"region.created": handler},
    )
    run_until(loop, lambda: bool(seen_trace_ids))
    assert seen_trace_ids == [TRACE_ID]
    consumer_spans = [
        s for s in spans.get_finished_spans() if s.kind == trace.SpanKind.CONSUMER and s.context
    ]
    assert [format(s.context.trace_id, "032x") for s in consumer_spans] == [TRACE_ID]
    http_spans = [s for s in spans.get_finished_spans() if s.kind == trace.SpanKind.SERVER]
    assert format(http_spans[0].context.trace_id, "032x") == TRACE_ID
