"""A consumer loop on the embedded broker watches its epoch: when a new one begins (the broker
restarted and lost its log, and every group's committed offsets with it), the loop ends the
batch in hand and reads every partition it holds from the start of the new log, so positions
from the lost log neither skip what the relays re-drove nor wait for the new log to reach them.
(The whole system through broker restarts: tests/e2e/faults/test_broker_restarts.py.)"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kafka.consumer.fetcher import ConsumerRecord
from kafka.structs import TopicPartition

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.broker_epoch import Epoch
from canopy_shared.messaging.consumer import ConsumedMessage, ConsumerLoop
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.publisher import Publisher
from canopy_shared.testing.messaging import region_created
from tests.shared.test_consumer_loop_batching import FakeConsumer, NoSink

TPS = [TopicPartition(TENANCY_EVENTS.name, p) for p in range(3)]


class AssignedConsumer(FakeConsumer):
    def __init__(self, records: list[ConsumerRecord]) -> None:
        super().__init__(records)
        self.rewound: list[TopicPartition] = []

    def assignment(self) -> set[TopicPartition]:
        return set(TPS)

    def seek_to_beginning(self, *partitions: TopicPartition) -> None:
        self.rewound += partitions


class Epochs:
    def __init__(self) -> None:
        self.now: Epoch | None = None

    def current(self) -> Epoch | None:
        return self.now


def _record(offset: int) -> ConsumerRecord:
    value = region_created(f"Region {offset}").to_bytes()
    return ConsumerRecord(
        TENANCY_EVENTS.name, 0, None, offset, 0, 0, None, value, [], None, -1, len(value), -1
    )


def _loop(consumer: FakeConsumer, epochs: Epochs, seen: list[str]) -> ConsumerLoop:
    def handle(message: ConsumedMessage) -> None:
        seen.append(message.event_id)

    return ConsumerLoop(
        consumer,  # type: ignore[arg-type]
        group_id="g-epochs",
        handlers={"region.created": handle},
        dead_letterer=DeadLetterer(Publisher(NoSink()), consumer_group="g-epochs"),
        epochs=epochs,
    )


def _epoch(name: str) -> Epoch:
    return Epoch(name, datetime.now(UTC))


def test_a_new_epoch_sends_every_held_partition_to_the_start_of_the_new_log() -> None:
    consumer, epochs, seen = AssignedConsumer([_record(0), _record(1)]), Epochs(), []
    loop = _loop(consumer, epochs, seen)
    epochs.now = _epoch("first")
    loop.run_once()
    assert consumer.rewound == []  # the epoch it started in: its positions are good
    epochs.now = _epoch("second")
    loop.run_once()
    assert sorted(consumer.rewound, key=lambda tp: tp.partition) == TPS
    loop.run_once()
    assert len(consumer.rewound) == 3  # once per new epoch


def test_an_unknown_epoch_while_the_broker_is_away_changes_nothing() -> None:
    consumer, epochs, seen = AssignedConsumer([]), Epochs(), []
    loop = _loop(consumer, epochs, seen)
    epochs.now = _epoch("first")
    loop.run_once()
    first = epochs.now
    epochs.now = None
    loop.run_once()
    epochs.now = first
    loop.run_once()
    assert consumer.rewound == []


def test_without_epochs_production_kafka_positions_are_left_alone() -> None:
    consumer: Any = AssignedConsumer([_record(0)])
    seen: list[str] = []
    loop = ConsumerLoop(
        consumer,
        group_id="g-kafka",
        handlers={"region.created": lambda m: seen.append(m.event_id)},
        dead_letterer=DeadLetterer(Publisher(NoSink()), consumer_group="g-kafka"),
    )
    loop.run_once()
    assert consumer.rewound == [] and len(seen) == 1
