"""Sending a message a consumer cannot use to its topic's dead-letter topic, with the reason."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from kafka.consumer.fetcher import ConsumerRecord

from canopy_shared.contracts import Envelope, dead_letter_topic_for
from canopy_shared.contracts.dead_letter_v1 import DEAD_LETTER
from canopy_shared.messaging.publisher import Publisher

log = logging.getLogger(__name__)


class DeadLetterer:
    def __init__(self, publisher: Publisher, *, consumer_group: str) -> None:
        self._publisher = publisher
        self._group = consumer_group

    def send(self, record: ConsumerRecord, *, reason: str) -> None:
        log.warning(
            "dead-lettering %s[%s]@%s: %s", record.topic, record.partition, record.offset, reason
        )
        envelope = Envelope(
            type=DEAD_LETTER,
            producer=self._group,
            payload={
                "source_topic": record.topic,
                "source_partition": record.partition,
                "source_offset": record.offset,
                "consumer_group": self._group,
                "reason": reason,
                "key": record.key.decode("utf-8", "replace") if record.key else None,
                "value": (record.value or b"").decode("utf-8", "replace"),
                "failed_at": datetime.now(UTC).isoformat(),
            },
        )
        self._publisher.publish(
            dead_letter_topic_for(record.topic).name, envelope, headers=list(record.headers or [])
        )

    def flush(self) -> None:
        self._publisher.flush()
