"""A broker that goes away and comes back with an empty log (the embedded broker's restart): the
consumer and the relay keep running through the outage, and the relay re-drives what the lost
log held once the new broker announces its epoch; the idempotent consumer ends with every event
exactly once.

Tansu creates any topic a client fetches, lists offsets of or produces to, whatever the client
asks (with its default of several partitions). A relay's epoch watch asking a just-restarted
broker about the epoch topic before the broker process made it used to create it so, and the
epoch then landed on a partition no watch read: every relay waited for an epoch forever (the
relay-through-restart case that was flaky under load)."""

from __future__ import annotations

import subprocess
import time
from contextlib import suppress
from pathlib import Path

import pytest
from kafka.errors import KafkaError
from sqlalchemy import MetaData

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.broker_epoch import (
    EPOCH_TOPIC,
    EpochWatch,
    announce_epoch,
    new_epoch,
)
from canopy_shared.messaging.outbox import add_to_outbox, define_outbox_table
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.messaging.topics_admin import connect_admin, ensure_topics
from canopy_shared.runtime.broker import free_port, start_broker, stop_process
from canopy_shared.testing.broker import HOST, RunningBroker
from canopy_shared.testing.messaging import consumer_loop, kafka_publisher, region_created

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]
TOPIC = TENANCY_EVENTS.name
metadata = MetaData()
outbox = define_outbox_table(metadata)


def _broker(port: int) -> subprocess.Popen[bytes]:
    epoch = new_epoch()
    process = start_broker(HOST, port)
    ensure_topics(f"{HOST}:{port}")
    announce_epoch(f"{HOST}:{port}", epoch)
    return process


def test_consumer_and_relay_outlive_a_broker_restart_and_nothing_is_lost(tmp_path: Path) -> None:
    port = free_port(HOST)
    settings = RunningBroker(port).kafka_settings()
    engine = make_engine(f"sqlite:///{tmp_path}/service.db")
    metadata.create_all(engine)
    sessions = make_session_factory(engine)
    first = _broker(port)
    relay = OutboxRelay(
        sessions=sessions,
        table=outbox,
        publisher=kafka_publisher(settings),
        epochs=EpochWatch(settings.bootstrap_servers, check_s=0.2),
    )
    events = [region_created(f"Region {i}") for i in range(4)]
    with sessions.begin() as session:
        for event in events[:2]:
            add_to_outbox(session, outbox, TOPIC, event)
    assert relay.run_once() == 2  # published to the first broker, which nobody reads in time

    stop_process(first)
    second = _broker(port)
    seen: set[str] = set()
    loop = consumer_loop(
        settings, group_id="g-outage", topics=[TOPIC],
        handlers={"region.created": lambda m: seen.add(m.event_id)},
    )  # fmt: skip
    try:
        with sessions.begin() as session:
            for event in events[2:]:
                add_to_outbox(session, outbox, TOPIC, event)
        deadline = time.monotonic() + 120
        while len(seen) < 4 and time.monotonic() < deadline:
            with suppress(KafkaError):  # `run` retries these; the batch stays in line
                relay.run_once()
            loop.run_once(poll_timeout_ms=200)
        assert seen == {e.event_id for e in events}
    finally:
        loop.close()
        stop_process(second)


def test_an_epoch_watch_sees_the_new_epoch_even_if_it_made_the_epoch_topic_itself() -> None:
    port = free_port(HOST)
    first = _broker(port)
    watch = EpochWatch(f"{HOST}:{port}", check_s=0)
    assert watch.current() is not None
    stop_process(first)
    second = start_broker(HOST, port)
    try:
        for _ in range(20):  # it reconnects, then asks about the epoch topic: Tansu makes it
            assert watch.current() is None
            if EPOCH_TOPIC in _topics(port):
                break
            time.sleep(0.2)
        epoch = new_epoch()
        ensure_topics(f"{HOST}:{port}")
        announce_epoch(f"{HOST}:{port}", epoch)
        assert watch.current() == epoch
    finally:
        watch.close()
        stop_process(second)


def _topics(port: int) -> list[str]:
    admin = connect_admin(f"{HOST}:{port}")
    try:
        return list(admin.list_topics())
    finally:
        admin.close()


def test_a_consumer_poll_without_a_broker_waits_instead_of_raising() -> None:
    port = free_port(HOST)
    process = _broker(port)
    settings = RunningBroker(port).kafka_settings()
    loop = consumer_loop(settings, group_id="g-away", topics=[TOPIC], handlers={})
    loop.run_once(poll_timeout_ms=200)
    stop_process(process)
    for _ in range(5):
        assert loop.run_once(poll_timeout_ms=200) == 0
    loop.close()
