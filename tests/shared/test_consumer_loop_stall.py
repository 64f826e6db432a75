"""A consumer loop whose Kafka consumer wedges (its group membership never completes, as seen in
CI after a broker restart) replaces it and handles what waited; a healthy idle loop keeps its
consumer. Real broker; the wedge is made by stopping the consumer's coordinator from answering,
the one part of kafka-python a test can break on purpose."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from kafka import KafkaAdminClient, KafkaConsumer

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.consumer import ConsumedMessage, ConsumerLoop, build_kafka_consumer
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.stall_watch import GroupBacklog, StallWatch
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.testing.messaging import kafka_publisher, region_created, run_until

TOPICS = [TENANCY_EVENTS.name]
# Longer than a join takes on the test broker (its rebalance timeout is 3 s), as the default of
# three rebalance timeouts is: a loop still joining its group is not stalled.
STALL_S = 4


def _loop(broker: RunningBroker, group_id: str, seen: list[str], *, stall_s: float) -> ConsumerLoop:
    settings = broker.kafka_settings()

    def handle(message: ConsumedMessage) -> None:
        seen.append(message.payload["name"])

    return ConsumerLoop(
        build_kafka_consumer(settings, group_id=group_id, topics=TOPICS),
        group_id=group_id,
        handlers={"region.created": handle},
        dead_letterer=DeadLetterer(kafka_publisher(settings), consumer_group=group_id),
        max_backoff_s=0.2,
        stall_watch=StallWatch(GroupBacklog(broker.bootstrap_servers, group_id), stall_s=stall_s),
    )


def _publish(broker: RunningBroker, *names: str) -> None:
    publisher = kafka_publisher(broker.kafka_settings())
    for name in names:
        publisher.publish(TENANCY_EVENTS.name, region_created(name))
    publisher.flush()


def _committed(broker: RunningBroker, group_id: str) -> int:
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap_servers)
    try:
        offsets = admin.list_group_offsets({group_id: None})[group_id]
        return sum(meta.offset for meta in offsets.values())
    finally:
        admin.close()


def _wedge(consumer: KafkaConsumer) -> None:
    """The coordinator never reports the group joined: every poll returns nothing."""

    def never_joined(*_: Any, **__: Any) -> bool:
        return False

    consumer._coordinator.poll = never_joined


def test_a_wedged_consumer_is_replaced_and_the_waiting_message_is_handled(
    broker: RunningBroker, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []
    loop = _loop(broker, "g-stall", seen, stall_s=STALL_S)
    _publish(broker, "Before the wedge")
    run_until(loop, lambda: seen == ["Before the wedge"])
    wedged = loop.consumer
    _wedge(wedged)
    _publish(broker, "Waiting behind the wedge")

    for _ in range(5):  # the wedge is real: the loop polls and gets nothing
        loop.run_once(poll_timeout_ms=200)
    assert seen == ["Before the wedge"]

    with caplog.at_level(logging.WARNING, logger="canopy_shared.messaging.consumer"):
        run_until(loop, lambda: len(seen) == 2, max_polls=150)
    assert seen[1] == "Waiting behind the wedge"
    assert loop.consumer is not wedged
    assert "replacing its Kafka consumer" in caplog.text
    run_until(loop, lambda: _committed(broker, "g-stall") == 2)  # and its offset commits
    loop.close()


def test_an_idle_loop_with_nothing_waiting_keeps_its_consumer(broker: RunningBroker) -> None:
    seen: list[str] = []
    loop = _loop(broker, "g-idle", seen, stall_s=STALL_S)
    _publish(broker, "Handled at once")
    run_until(loop, lambda: seen == ["Handled at once"])
    consumer = loop.consumer
    for _ in range(30):  # one and a half stall periods of quiet, with every message committed
        loop.run_once(poll_timeout_ms=200)
    assert loop.consumer is consumer
    _publish(broker, "Handled later")
    run_until(loop, lambda: len(seen) == 2)
    assert loop.consumer is consumer
    loop.close()
