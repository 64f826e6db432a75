"""Outbox + relay against the real broker: a relay crash between publish and mark-sent causes
a re-publish, which an idempotent handler absorbs (its effect counted once)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import ConsumedMessage
from canopy_shared.messaging.idempotency import define_processed_events_table, first_delivery
from canopy_shared.messaging.outbox import add_to_outbox, define_outbox_table
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.broker import RunningBroker, read_topic
from canopy_shared.testing.messaging import (
    consumer_loop,
    kafka_publisher,
    region_created,
    run_until,
)

pytestmark = pytest.mark.integration
TOPIC = TENANCY_EVENTS.name

metadata = MetaData()
outbox = define_outbox_table(metadata)
processed = define_processed_events_table(metadata)
regions = Table(
    "regions", metadata, Column("id", Integer, primary_key=True), Column("name", String)
)


class RelayCrashed(Exception):
    pass


def test_relay_crash_between_publish_and_mark_sent_is_absorbed_by_idempotent_handler(
    broker: RunningBroker, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/service.db")
    metadata.create_all(engine)
    sessions = make_session_factory(engine)
    events = [region_created(f"Region {i}") for i in range(3)]
    with sessions.begin() as session:
        for event in events:
            add_to_outbox(session, outbox, TOPIC, event)

    settings = broker.kafka_settings()
    crashing = OutboxRelay(
        sessions=sessions, table=outbox, publisher=kafka_publisher(settings), lease=timedelta(0)
    )

    def crash(*_args: object) -> None:
        raise RelayCrashed("killed after the broker acknowledged, before marking sent")

    crashing._mark_sent = crash  # type: ignore[method-assign]
    with pytest.raises(RelayCrashed):
        crashing.run_once()

    survivor = OutboxRelay(sessions=sessions, table=outbox, publisher=kafka_publisher(settings))
    assert survivor.run_once() == 3  # the crashed relay's lease expired: rows published again
    assert survivor.run_once() == 0  # now marked sent
    assert len(read_topic(broker.bootstrap_servers, TOPIC, expect=6)) == 6

    def apply(message: ConsumedMessage) -> None:
        with sessions.begin() as session:
            if first_delivery(session, processed, consumer="test", event_id=message.event_id):
                session.execute(insert(regions).values(name=message.payload["name"]))

    delivered: list[str] = []
    loop = consumer_loop(
        settings,
        group_id="g-outbox",
        topics=[TOPIC],
        handlers={"region.created": lambda m: (apply(m), delivered.append(m.event_id))},
    )
    run_until(loop, lambda: len(delivered) == 6)
    with sessions() as session:
        names = session.execute(select(regions.c.name).order_by(regions.c.name)).scalars().all()
        assert names == ["Region 0", "Region 1", "Region 2"]
        assert session.execute(select(func.count()).select_from(processed)).scalar() == 3


def test_outbox_row_is_validated_against_the_topic_contract(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/service.db")
    metadata.create_all(engine)
    bad = region_created()
    bad.payload["teacher_email"] = "not@allowed.example"
    with (
        make_session_factory(engine).begin() as session,
        pytest.raises(Exception, match="teacher_email"),
    ):
        add_to_outbox(session, outbox, TOPIC, bad)
