"""The consumer loop's batch hook: with `Batching`, one batch spans polls until it is full or old
enough, is made durable once (`before_commit`) and committed once; it is also ended before a
rebalance takes its partitions and when the loop closes. A batch that cannot be made durable is
rewound and commits nothing."""

from __future__ import annotations

from typing import Any

from kafka.consumer.fetcher import ConsumerRecord
from kafka.structs import OffsetAndMetadata, TopicPartition

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.consumer import Batching, ConsumerLoop
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.publisher import Publisher
from canopy_shared.testing.messaging import region_created

TP = TopicPartition(TENANCY_EVENTS.name, 0)


class FakeConsumer:
    """KafkaConsumer as the batching loop uses it; each poll hands out the next queued records
    (at most `max_records`)."""

    def __init__(self, records: list[ConsumerRecord]) -> None:
        self.records = records
        self.commits: list[dict[TopicPartition, OffsetAndMetadata]] = []
        self.seeks: list[tuple[TopicPartition, int]] = []
        self.listener: Any = None
        self.closed = False

    def subscription(self) -> set[str]:
        return {TP.topic}

    def subscribe(self, topics: list[str], listener: Any = None) -> None:
        assert topics == [TP.topic]
        self.listener = listener

    def poll(self, timeout_ms: int = 0, max_records: int | None = None) -> dict:
        batch, self.records = self.records[:max_records], self.records[max_records:]
        return {TP: batch} if batch else {}

    def commit(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        self.commits.append(offsets)

    def seek(self, partition: TopicPartition, offset: int) -> None:
        self.seeks.append((partition, offset))

    def close(self, autocommit: bool = False) -> None:
        self.closed = True


class NoSink:
    def send(self, *_: Any, **__: Any) -> None:
        raise AssertionError("nothing is dead-lettered here")

    def flush(self) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


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


def _loop(consumer: FakeConsumer, flushes: list[int], handled: list[str], clock: Clock, **kw: Any):
    def flush() -> None:
        flushes.append(len(handled))

    return ConsumerLoop(
        consumer,  # type: ignore[arg-type]
        group_id="g",
        handlers={"region.created": lambda m: handled.append(m.event_id)},
        dead_letterer=DeadLetterer(Publisher(NoSink()), consumer_group="g"),
        before_commit=kw.pop("before_commit", flush),
        batching=kw.pop("batching", Batching(max_messages=5, max_wait_s=1.0)),
        clock=clock,
        max_backoff_s=0.0,
    )


def test_a_batch_spans_polls_until_full_then_is_flushed_and_committed_once() -> None:
    consumer = FakeConsumer([_record(n) for n in range(7)])
    consumer.poll = _polling_by(consumer, 2)  # type: ignore[method-assign]
    flushes: list[int] = []
    handled: list[str] = []
    loop = _loop(consumer, flushes, handled, Clock())
    assert [loop.run_once() for _ in range(3)] == [0, 0, 5]  # 2 + 2 + 1 (room left: 1)
    assert flushes == [5]
    assert consumer.commits == [{TP: OffsetAndMetadata(5, None, -1)}]


def test_a_batch_is_ended_when_its_oldest_message_waited_long_enough() -> None:
    consumer = FakeConsumer([_record(0), _record(1)])
    flushes: list[int] = []
    handled: list[str] = []
    clock = Clock()
    loop = _loop(consumer, flushes, handled, clock)
    assert loop.run_once() == 0 and flushes == []
    clock.now += 1.0
    assert loop.run_once() == 2
    assert flushes == [2] and consumer.commits == [{TP: OffsetAndMetadata(2, None, -1)}]


def test_a_rebalance_and_closing_end_the_batch_in_hand() -> None:
    consumer = FakeConsumer([_record(0)])
    flushes: list[int] = []
    handled: list[str] = []
    loop = _loop(consumer, flushes, handled, Clock())
    loop.run_once()
    consumer.listener.on_partitions_revoked({TP})
    assert flushes == [1] and consumer.commits == [{TP: OffsetAndMetadata(1, None, -1)}]
    consumer.records = [_record(1)]
    loop.run_once()
    loop.close()
    assert flushes == [1, 2] and consumer.commits[-1] == {TP: OffsetAndMetadata(2, None, -1)}
    assert consumer.closed


def test_a_batch_that_cannot_be_made_durable_is_rewound_and_not_committed() -> None:
    consumer = FakeConsumer([_record(n) for n in range(3, 8)])
    handled: list[str] = []

    def failing() -> None:
        raise ConnectionError("ClickHouse went away")

    loop = _loop(consumer, [], handled, Clock(), before_commit=failing)
    assert loop.run_once() == 0
    assert len(handled) == 5 and consumer.commits == [] and consumer.seeks == [(TP, 3)]


class EndKnowingConsumer(FakeConsumer):
    """Also reports each partition's end, as the broker's fetch answers do."""

    def __init__(self, records: list[ConsumerRecord], end: int) -> None:
        super().__init__(records)
        self.end = end

    def highwater(self, partition: TopicPartition) -> int:
        return self.end


def test_a_batch_that_caught_up_is_ended_after_the_shorter_wait_and_a_backlog_is_not() -> None:
    consumer = EndKnowingConsumer([_record(0), _record(1)], end=4)
    flushes: list[int] = []
    handled: list[str] = []
    clock = Clock()
    batching = Batching(max_messages=5, max_wait_s=1.0, caught_up_wait_s=0.1)
    loop = _loop(consumer, flushes, handled, clock, batching=batching)
    assert loop.run_once() == 0  # young, and two more wait on the partition
    clock.now += 0.2
    assert loop.run_once() == 0 and flushes == []  # old enough, but still behind
    consumer.records, consumer.end = [_record(2), _record(3)], 4
    assert loop.run_once() == 4  # caught up and past the shorter wait: written at once
    assert flushes == [4] and consumer.commits == [{TP: OffsetAndMetadata(4, None, -1)}]
    consumer.records, consumer.end = [_record(4)], 5
    assert loop.run_once() == 0  # caught up, but not yet waited the shorter wait
    clock.now += 0.15
    assert loop.run_once() == 1


def _polling_by(consumer: FakeConsumer, size: int) -> Any:
    original = consumer.poll

    def poll(timeout_ms: int = 0, max_records: int | None = None) -> dict:
        return original(timeout_ms, min(size, max_records or size))

    return poll
