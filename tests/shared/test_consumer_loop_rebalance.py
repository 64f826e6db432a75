"""A commit refused because a rebalance took the partitions away is routine, not fatal."""

from __future__ import annotations

from typing import Any

from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError
from kafka.structs import TopicPartition

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.consumer import ConsumerLoop
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.publisher import Publisher
from canopy_shared.testing.messaging import region_created

TP = TopicPartition(TENANCY_EVENTS.name, 0)


class RebalancedConsumer:
    """KafkaConsumer's poll/commit/seek as the loop uses them; commit fails the way
    kafka-python's does when the group has moved on without this member."""

    def __init__(self, records: list[ConsumerRecord]) -> None:
        self.records = records
        self.commits = 0

    def subscription(self) -> set[str]:
        return {TP.topic}

    def poll(self, timeout_ms: int = 0) -> dict[TopicPartition, list[ConsumerRecord]]:
        batch, self.records = self.records, []
        return {TP: batch} if batch else {}

    def commit(self, offsets: Any = None) -> None:
        self.commits += 1
        raise CommitFailedError("consumer is not part of an active group")

    def seek(self, partition: TopicPartition, offset: int) -> None:
        raise AssertionError("a successful batch is not rewound")


class NoSink:
    def send(self, *_: Any, **__: Any) -> None:
        raise AssertionError("nothing is dead-lettered here")

    def flush(self) -> None:
        pass


def _record(offset: int) -> ConsumerRecord:
    value = region_created(f"Region {offset}").to_bytes()
    return ConsumerRecord(
        topic=TP.topic,
        partition=TP.partition,
        leader_epoch=-1,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=None,
        value=value,
        headers=[],
        checksum=None,
        serialized_key_size=-1,
        serialized_value_size=len(value),
        serialized_header_size=-1,
    )


def test_refused_commit_is_logged_and_the_loop_keeps_consuming() -> None:
    consumer = RebalancedConsumer([_record(0), _record(1)])
    handled: list[str] = []
    loop = ConsumerLoop(
        consumer,  # type: ignore[arg-type]
        group_id="g",
        handlers={"region.created": lambda m: handled.append(m.event_id)},
        dead_letterer=DeadLetterer(Publisher(NoSink()), consumer_group="g"),
    )
    loop.run_once()
    assert len(handled) == 2 and consumer.commits == 1
    assert loop.run_once() == 0  # still alive, polling
