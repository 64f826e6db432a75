"""Broker epochs: how outbox relays and consumers learn that the broker lost its log.

The embedded broker keeps its log in memory, so a broker restart loses every message published
before it, including those no consumer had read yet, and every group's committed offsets. The
process that starts the broker creates the topics, then writes a fresh epoch (an id and the
moment it began starting the broker) to partition 0 of the epoch topic: Tansu creates any topic
a client fetches from or produces to (with several partitions), so a watch that reached the new
broker first may have made it, and partition 0 is where every watch reads. A relay that sees a
new epoch puts the outbox rows it published before that moment, within its safety window, back
in line (outbox_recovery.py): the durable stores re-drive what the bus lost, and idempotent
consumers absorb what they had already applied. A consumer loop that sees one reads from the
start of the new log (consumer.py).

Production Kafka keeps its log, so nothing watches epochs there (KAFKA_BROKER_EPOCHS unset).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.structs import TopicPartition

from canopy_shared.messaging.kafka_settings import KafkaSettings

log = logging.getLogger(__name__)

EPOCH_TOPIC = "canopy.broker-epoch"


@dataclass(frozen=True)
class Epoch:
    id: str
    started_at: datetime  # before the broker accepted anything: all older publishes are gone

    def to_bytes(self) -> bytes:
        return json.dumps({"epoch": self.id, "started_at": self.started_at.isoformat()}).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Epoch:
        data = json.loads(raw)
        return cls(str(data["epoch"]), datetime.fromisoformat(data["started_at"]))


class EpochSource(Protocol):
    def current(self) -> Epoch | None:
        """The broker's current epoch; None while unknown."""


def epoch_watch(kafka: KafkaSettings) -> EpochWatch | None:
    """The broker's epoch for a relay or consumer to watch, when the runtime's broker keeps its
    log in memory (KAFKA_BROKER_EPOCHS=1); None for production Kafka."""
    return EpochWatch(kafka.bootstrap_servers) if kafka.broker_epochs else None


def new_epoch() -> Epoch:
    return Epoch(uuid.uuid4().hex, datetime.now(UTC))


def announce_epoch(bootstrap_servers: str, epoch: Epoch) -> None:
    """Create the epoch topic and write `epoch` to it (the broker was just started)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="canopy-epoch")
    try:
        admin.create_topics([NewTopic(EPOCH_TOPIC, 1, 1)])
    except TopicAlreadyExistsError:
        pass
    finally:
        admin.close()
    producer = KafkaProducer(
        bootstrap_servers=bootstrap_servers,
        acks="all",
        retries=5,
        allow_auto_create_topics=False,
    )
    try:
        # Partition 0 is the one the watches read.
        producer.send(EPOCH_TOPIC, value=epoch.to_bytes(), partition=0).get(timeout=30)
    finally:
        producer.close(timeout=5)


class EpochWatch:
    """The broker's current epoch, read at most every `check_s` seconds (None while unknown:
    the broker is away or has not announced its epoch yet)."""

    def __init__(
        self,
        bootstrap_servers: str,
        *,
        check_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._check_s = check_s
        self._clock = clock
        self._consumer: KafkaConsumer | None = None
        self._checked_at: float | None = None
        self._current: Epoch | None = None

    def current(self) -> Epoch | None:
        now = self._clock()
        if self._checked_at is not None and now - self._checked_at < self._check_s:
            return self._current
        self._checked_at = now
        try:
            self._current = self._read_latest()
        except KafkaError as err:
            log.debug("broker epoch unknown: %s", err)
            self._current = None
        return self._current

    def _read_latest(self) -> Epoch | None:
        if self._consumer is None:
            self._consumer = KafkaConsumer(
                bootstrap_servers=self._bootstrap_servers,
                client_id="canopy-epoch-watch",
                group_id=None,
                enable_auto_commit=False,
                session_timeout_ms=3000,
                request_timeout_ms=5000,
                # Asking a broker that just restarted about the epoch topic must not create it
                # (with the broker's default of several partitions) before the broker process
                # creates it with one: the epoch would then land on a partition no watch
                # reads, and every relay would wait for an epoch forever.
                allow_auto_create_topics=False,
            )
        consumer = self._consumer
        if not consumer.partitions_for_topic(EPOCH_TOPIC):
            return None
        tp = TopicPartition(EPOCH_TOPIC, 0)
        end = consumer.end_offsets([tp]).get(tp) or 0
        if end == 0:
            return None
        consumer.assign([tp])
        consumer.seek(tp, end - 1)
        for records in consumer.poll(timeout_ms=2000).values():
            if records:
                return Epoch.from_bytes(records[-1].value)
        return None

    def close(self) -> None:
        if self._consumer is not None:
            self._consumer.close()
