"""A consumer loop that writes in batches: decode -> stage -> flush (insert) -> commit.

The shared `ConsumerLoop` commits after every handler call; ClickHouse wants few, large
inserts. This loop, built on the same shared primitives (contracts, dead-letterer, Kafka
consumer settings, trace extraction), stages every message's rows and flushes when the batch
holds `max_messages` or its oldest message waited `max_wait_s`. Offsets are committed only
after the flush succeeded; a failed flush discards the batch and rewinds every partition to its
first uncommitted offset, so the messages are staged again and retried after a back-off.

Before partitions move to another consumer (rebalance) the batch is flushed and committed, so
no two consumers ever hold the same walkthrough in an unflushed batch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.structs import OffsetAndMetadata, TopicPartition
from marshmallow import ValidationError
from opentelemetry import trace

from canopy_analytics.rows import Row
from canopy_analytics.writer import SinkWriter
from canopy_shared.contracts import topic
from canopy_shared.messaging.consumer import RejectMessage
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.publisher import decode_json
from canopy_shared.telemetry import extract_context

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

RowBuilder = Callable[[dict[str, Any]], list[Row]]


class BatchingConsumerLoop:
    def __init__(
        self,
        consumer: KafkaConsumer,
        *,
        group_id: str,
        topics: list[str],
        builders: Mapping[str, RowBuilder],
        writer: SinkWriter,
        dead_letterer: DeadLetterer,
        max_messages: int = 500,
        max_wait_s: float = 1.0,
        max_backoff_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._consumer = consumer
        self._group_id = group_id
        self._builders = builders
        self._writer = writer
        self._dead_letterer = dead_letterer
        self._max_messages = max_messages
        self._max_wait_s = max_wait_s
        self._max_backoff_s = max_backoff_s
        self._clock = clock
        self._first: dict[TopicPartition, int] = {}  # first uncommitted offset per partition
        self._next: dict[TopicPartition, int] = {}  # offset to commit once flushed
        self._oldest: float | None = None  # when the batch's first message was staged
        self._failures = 0
        consumer.subscribe(topics, listener=_FlushOnRevoke(self))

    def run(self, stop: threading.Event, *, poll_timeout_ms: int = 200) -> None:
        while not stop.is_set():
            self.run_once(poll_timeout_ms=poll_timeout_ms)
        self.close()

    def close(self) -> None:
        """Flush and commit what is staged, then leave the group."""
        if self._next:
            self._flush_and_commit()
        self._consumer.close(autocommit=False)

    def run_once(self, *, poll_timeout_ms: int = 200) -> int:
        """Poll once, stage what arrived, flush if the batch is full or old enough.
        Returns how many messages were committed (0 while the batch is still filling)."""
        room = max(1, self._max_messages - self._pending())
        batch = self._consumer.poll(
            timeout_ms=self._poll_timeout(poll_timeout_ms), max_records=room
        )
        try:
            for tp, records in batch.items():
                for record in records:
                    self._stage(tp, record)
        except Exception:
            log.exception("staging failed; rewinding the batch")
            self._rewind()
            return 0
        if not self._flush_due():
            return 0
        return self._flush_and_commit()

    def _pending(self) -> int:
        return sum(self._next[tp] - self._first[tp] for tp in self._next)

    def _poll_timeout(self, poll_timeout_ms: int) -> int:
        if self._oldest is None:
            return poll_timeout_ms
        left_ms = int((self._oldest + self._max_wait_s - self._clock()) * 1000)
        return max(0, min(poll_timeout_ms, left_ms))

    def _flush_due(self) -> bool:
        if self._oldest is None:
            return False
        return (
            self._pending() >= self._max_messages
            or self._clock() - self._oldest >= self._max_wait_s
        )

    def _stage(self, tp: TopicPartition, record: ConsumerRecord) -> None:
        with tracer.start_as_current_span(
            f"{record.topic} stage",
            context=extract_context(record.headers),
            kind=trace.SpanKind.CONSUMER,
        ) as span:
            span.set_attribute("messaging.destination.name", record.topic)
            span.set_attribute("messaging.consumer.group.name", self._group_id)
            self._first.setdefault(tp, record.offset)
            self._next[tp] = record.offset + 1
            if self._oldest is None:
                self._oldest = self._clock()
            try:
                envelope = topic(record.topic).validate(decode_json(record.value))
                builder = self._builders.get(envelope["type"])
                if builder is not None:  # event types the sink does not need are skipped
                    self._writer.stage(builder(envelope))
            except (ValueError, ValidationError, RejectMessage) as err:
                self._dead_letterer.send(record, reason=_reason(err))

    def _flush_and_commit(self) -> int:
        committed = self._pending()
        with tracer.start_as_current_span("analytics sink flush") as span:
            span.set_attribute("messaging.batch.message_count", committed)
            try:
                inserted = self._writer.flush()
                self._dead_letterer.flush()  # dead letters durable before their offsets commit
                self._consumer.commit(
                    offsets={tp: OffsetAndMetadata(n, None, -1) for tp, n in self._next.items()}
                )
            except Exception as err:
                log.exception("flushing %s messages failed; will retry them", committed)
                span.record_exception(err)
                self._rewind()
                return 0
            span.set_attribute("analytics.walkthroughs_inserted", inserted)
        self._reset()
        self._back_off(failed=False)
        return committed

    def _rewind(self) -> None:
        """Forget the batch and read its messages again from the first uncommitted offsets."""
        self._writer.discard()
        for tp, offset in self._first.items():
            if tp in self._consumer.assignment():
                self._consumer.seek(tp, offset)
        self._reset()
        self._back_off(failed=True)

    def _reset(self) -> None:
        self._first.clear()
        self._next.clear()
        self._oldest = None

    def _back_off(self, *, failed: bool) -> None:
        self._failures = self._failures + 1 if failed else 0
        if self._failures:
            time.sleep(min(self._max_backoff_s, 0.1 * 2**self._failures))

    def on_revoke(self) -> None:
        if self._next:
            self._flush_and_commit()
        self._writer.discard()
        self._reset()


class _FlushOnRevoke(ConsumerRebalanceListener):
    def __init__(self, loop: BatchingConsumerLoop) -> None:
        self._loop = loop

    def on_partitions_revoked(self, revoked: Any) -> None:
        self._loop.on_revoke()

    def on_partitions_assigned(self, assigned: Any) -> None:
        pass


def _reason(err: Exception) -> str:
    if isinstance(err, ValidationError):
        return f"contract violation: {err.messages}"
    if isinstance(err, RejectMessage):
        return f"rejected by handler: {err}"
    return str(err)
