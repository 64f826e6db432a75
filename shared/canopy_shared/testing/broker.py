"""A real Tansu broker on a free loopback port, with the registry's topics created."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord

from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.topics_admin import ensure_topics
from canopy_shared.runtime.broker import free_port, start_broker

HOST = "127.0.0.1"


@dataclass(frozen=True)
class RunningBroker:
    port: int

    @property
    def bootstrap_servers(self) -> str:
        return f"{HOST}:{self.port}"

    def kafka_settings(self) -> KafkaSettings:
        # Short group timeouts: a join waits up to max_poll_interval_ms on Tansu.
        return KafkaSettings(
            bootstrap_servers=self.bootstrap_servers,
            max_poll_interval_ms=3_000,
            session_timeout_ms=3_000,
            heartbeat_interval_ms=500,
        )


@contextmanager
def running_broker() -> Iterator[RunningBroker]:
    port = free_port(HOST)
    process = start_broker(HOST, port)
    try:
        ensure_topics(f"{HOST}:{port}")
        yield RunningBroker(port)
    finally:
        # Memory storage has nothing to flush, and Tansu waits for idle clients on SIGTERM.
        process.kill()
        process.wait()


def read_topic(
    bootstrap_servers: str, topic_name: str, *, expect: int, timeout_s: float = 20.0
) -> list[ConsumerRecord]:
    """Every record on `topic_name` from the beginning, waiting until `expect` have arrived."""
    consumer = KafkaConsumer(
        topic_name,
        bootstrap_servers=bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
        consumer_timeout_ms=500,
    )
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout_s
    try:
        while len(records) < expect and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=300).values():
                records.extend(batch)
    finally:
        consumer.close()
    return records
