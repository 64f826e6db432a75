"""Building real consumer loops, publishers and relays against a test broker."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from canopy_shared.contracts import Envelope
from canopy_shared.messaging.consumer import ConsumerLoop, Handler, build_kafka_consumer
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.publisher import KafkaSink, Publisher
from canopy_shared.messaging.stall_watch import stall_watch


def kafka_publisher(settings: KafkaSettings) -> Publisher:
    return Publisher(KafkaSink(settings, client_id=f"test-{uuid.uuid4().hex[:8]}"))


def consumer_loop(
    settings: KafkaSettings,
    *,
    group_id: str,
    topics: list[str],
    handlers: Mapping[str, Handler],
    before_commit: Callable[[], None] | None = None,
) -> ConsumerLoop:
    return ConsumerLoop(
        build_kafka_consumer(settings, group_id=group_id, topics=topics),
        group_id=group_id,
        handlers=handlers,
        dead_letterer=DeadLetterer(kafka_publisher(settings), consumer_group=group_id),
        max_backoff_s=0.2,
        before_commit=before_commit,
        stall_watch=stall_watch(settings, group_id),
    )


def run_until(loop: ConsumerLoop, done: Callable[[], bool], *, max_polls: int = 100) -> None:
    """Poll until `done()` holds; fail loudly rather than hang."""
    for _ in range(max_polls):
        loop.run_once(poll_timeout_ms=200)
        if done():
            return
    raise AssertionError(f"condition not met after {max_polls} polls")


def region_created(name: str = "Test Region") -> Envelope:
    return Envelope(
        type="region.created",
        producer="tenancy",
        payload={"region_id": str(uuid.uuid4()), "name": name},
    )


def record_bytes(record: Any) -> bytes:
    """A consumed record as a whole: key, value and every header, for leak searches."""
    headers = b"".join(name.encode() + b"=" + value for name, value in record.headers or [])
    value: bytes = record.value
    return (record.key or b"") + b"|" + value + b"|" + headers
