"""The consumer loop against the real broker: commit after effect, retry, dead letters."""

from __future__ import annotations

import json

import pytest

from canopy_shared.contracts import TENANCY_EVENTS, dead_letter_topic_for
from canopy_shared.messaging.consumer import ConsumedMessage, RejectMessage
from canopy_shared.testing.broker import RunningBroker, read_topic
from canopy_shared.testing.messaging import (
    consumer_loop,
    kafka_publisher,
    region_created,
    run_until,
)

pytestmark = pytest.mark.integration
TOPIC = TENANCY_EVENTS.name


def test_failed_handler_leaves_offset_uncommitted_and_message_is_processed_after_restart(
    broker: RunningBroker,
) -> None:
    settings = broker.kafka_settings()
    publisher = kafka_publisher(settings)
    event = region_created("Failing Region")
    publisher.publish(TOPIC, event)
    publisher.flush()

    attempts: list[str] = []

    def failing(message: ConsumedMessage) -> None:
        attempts.append(message.event_id)
        raise ConnectionError("database unavailable")

    first = consumer_loop(
        settings, group_id="g-restart", topics=[TOPIC], handlers={"region.created": failing}
    )
    run_until(first, lambda: len(attempts) >= 2)  # retried in place, never skipped
    first._consumer.close(autocommit=False)

    applied: list[str] = []
    second = consumer_loop(
        settings,
        group_id="g-restart",
        topics=[TOPIC],
        handlers={"region.created": lambda m: applied.append(m.event_id)},
    )
    run_until(second, lambda: bool(applied))
    assert applied == [event.event_id]
    assert set(attempts) == {event.event_id}


def test_poison_message_goes_to_dead_letter_topic_and_consumer_keeps_going(
    broker: RunningBroker,
) -> None:
    settings = broker.kafka_settings()
    publisher = kafka_publisher(settings)
    publisher.publish_raw(TOPIC, key=b"k", value=b"{not json", headers=[])
    bad_contract = region_created().to_dict()
    bad_contract["payload"].pop("name")
    publisher.publish_raw(TOPIC, key=b"k", value=json.dumps(bad_contract).encode(), headers=[])
    good = region_created("After the poison")
    publisher.publish(TOPIC, good)
    publisher.flush()

    seen: list[str] = []
    loop = consumer_loop(
        settings,
        group_id="g-poison",
        topics=[TOPIC],
        handlers={"region.created": lambda m: seen.append(m.payload["name"])},
    )
    run_until(loop, lambda: bool(seen))
    assert seen == ["After the poison"]

    dead = read_topic(broker.bootstrap_servers, dead_letter_topic_for(TOPIC).name, expect=2)
    reasons = [json.loads(r.value)["payload"]["reason"] for r in dead]
    assert len(reasons) == 2
    assert "not JSON" in reasons[0]
    assert "name" in reasons[1] and "contract violation" in reasons[1]
    assert json.loads(dead[0].value)["payload"]["value"] == "{not json"


def test_handler_rejection_is_dead_lettered_with_its_reason(broker: RunningBroker) -> None:
    settings = broker.kafka_settings()
    publisher = kafka_publisher(settings)
    rejected, accepted = region_created("Reject me"), region_created("Keep me")
    for event in (rejected, accepted):
        publisher.publish(TOPIC, event)
    publisher.flush()

    kept: list[str] = []

    def handler(message: ConsumedMessage) -> None:
        if message.payload["name"] == "Reject me":
            raise RejectMessage("region name is reserved")
        kept.append(message.event_id)

    loop = consumer_loop(
        settings, group_id="g-reject", topics=[TOPIC], handlers={"region.created": handler}
    )
    run_until(loop, lambda: bool(kept))
    dead = read_topic(broker.bootstrap_servers, dead_letter_topic_for(TOPIC).name, expect=1)
    payload = json.loads(dead[0].value)["payload"]
    assert payload["reason"] == "rejected by handler: region name is reserved"
    assert json.loads(payload["value"])["event_id"] == rejected.event_id
    assert kept == [accepted.event_id]


def test_batch_whose_output_is_not_acknowledged_is_redelivered_not_committed(
    broker: RunningBroker,
) -> None:
    settings = broker.kafka_settings()
    publisher = kafka_publisher(settings)
    events = [region_created(f"Batch Region {n}") for n in range(3)]
    for event in events:
        publisher.publish(TOPIC, event)
    publisher.flush()

    handled: list[str] = []
    broker_down = [True]

    def flush_output() -> None:
        if broker_down[0]:
            broker_down[0] = False
            raise ConnectionError("output not acknowledged")

    loop = consumer_loop(
        settings,
        group_id="g-durable",
        topics=[TOPIC],
        handlers={"region.created": lambda m: handled.append(m.event_id)},
        before_commit=flush_output,
    )
    # The first batch (which holds the first message) failed to become durable: it comes again.
    run_until(
        loop,
        lambda: (
            handled.count(events[0].event_id) == 2 and set(handled) >= {e.event_id for e in events}
        ),
    )
    loop._consumer.close(autocommit=False)
    again: list[str] = []
    after = consumer_loop(
        settings,
        group_id="g-durable",
        topics=[TOPIC],
        handlers={"region.created": lambda m: again.append(m.event_id)},
    )
    after.run_once(poll_timeout_ms=2000)
    assert again == []


def test_a_publish_that_fails_mid_batch_fails_the_whole_batch_and_every_output_arrives(
    broker: RunningBroker,
) -> None:
    """A handler that publishes (as the anonymizer does) and whose send raises mid-batch: the
    producer is rebuilt, which drops what the batch sent before it, so the batch's flush must
    fail and the batch be redelivered, not its first messages committed without their output."""
    settings = broker.kafka_settings()
    events = [region_created(f"Region {i}") for i in range(3)]
    source = kafka_publisher(settings)
    for event in events:
        source.publish(TOPIC, event)
    source.flush()

    output_topic = dead_letter_topic_for(TOPIC).name  # any registry topic nobody else writes here
    output = kafka_publisher(settings)
    handled: list[str] = []

    def republish(message: ConsumedMessage) -> None:
        handled.append(message.event_id)
        # The second call sends a record over the producer's request size: kafka-python's send
        # raises (MessageSizeTooLargeError), as it does for a metadata timeout in an outage.
        value = b"x" * 2_000_000 if len(handled) == 2 else message.event_id.encode()
        output.publish_raw(output_topic, key=None, value=value, headers=[])

    loop = consumer_loop(
        settings,
        group_id="g-mid-batch",
        topics=[TOPIC],
        handlers={"region.created": republish},
        before_commit=output.flush,
    )
    run_until(loop, lambda: {e.event_id for e in events} <= set(handled[2:]))
    loop.close()
    published = {r.value.decode() for r in read_topic(settings.bootstrap_servers, output_topic,
                                                      expect=len(events) + 1)}  # fmt: skip
    assert {e.event_id for e in events} <= published
