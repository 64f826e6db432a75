"""The consumer loop: decode -> validate -> handle -> commit, with a dead-letter topic.

- A message that cannot be decoded or fails its topic's contract, or that a handler rejects with
  `RejectMessage`, goes to the topic's dead-letter topic with the reason; the loop moves on.
- Any other handler error is taken as transient: the offset is not committed, the partition is
  rewound to the failed message and retried after a back-off (and after a restart, since the
  committed offset still points at it).
- Offsets are committed only after the handler returned and `before_commit` (e.g. flushing the
  messages handlers published, once per batch instead of once per message) succeeded, i.e.
  after every effect of the batch is durable; if that fails the batch is redelivered.
  Handlers must therefore be idempotent (see `idempotency.py`): a crash between effect and commit
  redelivers the message, and Tansu may redeliver after a rebalance.
- A broker that is away (restarting, a rolling restart, a blip) never ends the process: a failed
  poll or commit is retried with a growing pause, and the consumer is built once the broker
  answers.
- Where the broker keeps its log in memory (the embedded runtime), the loop watches the broker's
  epoch: when a new one begins, the log it read from is gone, so it ends its batch and reads
  every partition it holds from the start of the new log (what the relays re-drove, then what
  came since): positions from the lost log can neither skip nor stall anything. (kafka-python
  also forgets positions when the new broker refuses its membership; this does not depend on
  that happening first.)
- By default every poll is a batch. With `Batching`, a batch spans polls until it holds
  `max_messages` or its oldest message waited `max_wait_s` (for a consumer whose `before_commit`
  writes the batch at once, e.g. the analytics sink's ClickHouse insert), or, with
  `caught_up_wait_s`, that shorter time once nothing more waits on its partitions; the batch is also
  ended (made durable and committed) before partitions are revoked in a rebalance and when the
  loop closes, so no two consumers hold the same message in an unwritten batch.
- With a `StallWatch`, a loop that has read and committed nothing for a long while, although
  messages wait on its group's partitions, replaces its Kafka consumer with a fresh one of the
  same configuration (stall_watch.py says when and why: kafka-python's membership can wedge).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.errors import CommitFailedError, KafkaError
from kafka.structs import OffsetAndMetadata, TopicPartition
from marshmallow import ValidationError
from opentelemetry import trace

from canopy_shared.contracts import topic
from canopy_shared.messaging.broker_epoch import Epoch, EpochSource
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.publisher import decode_json
from canopy_shared.messaging.stall_watch import StallWatch
from canopy_shared.telemetry import extract_context

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


class RejectMessage(Exception):
    """Raised by a handler for a message that will never succeed: it is dead-lettered."""


@dataclass(frozen=True)
class ConsumedMessage:
    topic: str
    partition: int
    offset: int
    key: str | None
    envelope: dict[str, Any]  # validated; payload loaded by the topic's schema

    @property
    def event_id(self) -> str:
        return str(self.envelope["event_id"])

    @property
    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = self.envelope["payload"]
        return payload


Handler = Callable[[ConsumedMessage], None]


@dataclass(frozen=True)
class Batching:
    """Commit after many messages rather than after every poll. With `caught_up_wait_s`, a
    batch also ends once it is that old and the consumer has read everything its partitions
    held: a trickle is written within that time, a backlog still in large batches."""

    max_messages: int
    max_wait_s: float
    caught_up_wait_s: float | None = None


# How soon a batch past its caught-up wait looks again whether the consumer has caught up.
CAUGHT_UP_RECHECK_S = 0.02


def build_kafka_consumer(
    settings: KafkaSettings,
    *,
    group_id: str,
    topics: list[str],
    max_backoff_s: float = 5.0,
    stop: threading.Event | None = None,
) -> KafkaConsumer:
    """A consumer of `topics` in `group_id`, waiting (with a growing pause) for a broker that
    is not there yet, until `stop` is set."""
    attempt = 0
    while True:
        try:
            return KafkaConsumer(
                *topics,
                bootstrap_servers=settings.bootstrap_servers,
                group_id=group_id,
                client_id=group_id,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                max_poll_interval_ms=settings.max_poll_interval_ms,
                session_timeout_ms=settings.session_timeout_ms,
                heartbeat_interval_ms=settings.heartbeat_interval_ms,
                # A restarted embedded broker starts empty: asking for a topic must not create
                # it with the broker's default partitions before the registry's are made.
                allow_auto_create_topics=False,
            )
        except KafkaError:  # no broker to bootstrap from (yet)
            attempt += 1
            if attempt == 1:
                log.warning("consumer %s: no broker at %s yet; waiting", group_id,
                            settings.bootstrap_servers)  # fmt: skip
            if stop is not None and stop.is_set():
                raise
            time.sleep(min(max_backoff_s, 0.2 * 2**attempt))


class ConsumerLoop:
    def __init__(
        self,
        consumer: KafkaConsumer,
        *,
        group_id: str,
        handlers: Mapping[str, Handler],
        dead_letterer: DeadLetterer,
        max_backoff_s: float = 5.0,
        before_commit: Callable[[], None] | None = None,
        batching: Batching | None = None,
        clock: Callable[[], float] = time.monotonic,
        epochs: EpochSource | None = None,
        stall_watch: StallWatch | None = None,
    ) -> None:
        self._consumer = consumer
        self._stall_watch = stall_watch
        self._epochs = epochs
        self._epoch: Epoch | None = None  # the broker epoch whose log this loop reads
        self._before_commit = before_commit
        self._group_id = group_id
        self._handlers = handlers
        self._dead_letterer = dead_letterer
        self._max_backoff_s = max_backoff_s
        self._batching = batching
        self._clock = clock
        self._failures = 0
        self._broker_failures = 0
        self._first: dict[TopicPartition, int] = {}  # the batch's first offset per partition
        self._done: dict[TopicPartition, OffsetAndMetadata] = {}  # offsets to commit
        self._oldest: float | None = None  # when the batch's first message arrived
        self._topics = sorted(consumer.subscription() or ())
        self._listen_for_revocation()

    @property
    def consumer(self) -> KafkaConsumer:
        """The Kafka consumer in use (a stalled one is replaced)."""
        return self._consumer

    def _listen_for_revocation(self) -> None:
        if self._batching is not None:
            self._consumer.subscribe(topics=self._topics, listener=_EndBatchOnRevoke(self))

    def run(self, stop: threading.Event, *, poll_timeout_ms: int = 500) -> None:
        while not stop.is_set():
            self.run_once(poll_timeout_ms=poll_timeout_ms)
        self.close()

    def close(self) -> None:
        """Make the batch in hand durable and commit it, then leave the group."""
        if self._done:
            self._end_batch()
        self._consumer.close(autocommit=False)
        if self._stall_watch is not None:
            self._stall_watch.close()

    def run_once(self, *, poll_timeout_ms: int = 500) -> int:
        """Poll once, handle what arrived, and when the batch is over (every poll without
        `Batching`) commit what succeeded. Returns messages committed."""
        failed = False
        self._follow_epoch()
        try:
            polled = self._poll(poll_timeout_ms)
        except KafkaError as err:
            self._broker_unavailable(err)
            return 0
        if self._broker_failures:
            log.warning("consumer %s: broker reachable again", self._group_id)
            self._broker_failures = 0
        if not polled:
            self._replace_if_stalled()
        elif self._stall_watch is not None:
            self._stall_watch.progressed()
        for tp, records in polled.items():
            for record in records:
                self._first.setdefault(tp, record.offset)
                if self._oldest is None:
                    self._oldest = self._clock()
                if not self._process(record):
                    self._consumer.seek(tp, record.offset)  # retry from here
                    failed = True
                    break
                self._done[tp] = OffsetAndMetadata(record.offset + 1, None, -1)
        if not failed and not self._batch_due():
            return 0
        handled = self._end_batch()
        self._back_off(failed or handled is None)
        return handled or 0

    def _follow_epoch(self) -> None:
        """On a new broker epoch, end the batch and read from the start of the new log."""
        epoch = self._epochs.current() if self._epochs is not None else None
        if epoch is None or epoch == self._epoch:
            return
        known, self._epoch = self._epoch, epoch
        if known is None:
            return  # the epoch this loop started in
        if self._done:
            self._end_batch()  # durable either way; a refused commit only means a redelivery
        partitions = list(self._consumer.assignment())
        log.warning("consumer %s: broker epoch %s began, its log is new; reading %d partition(s) "
                    "from its start", self._group_id, epoch.id, len(partitions))  # fmt: skip
        if partitions:
            self._consumer.seek_to_beginning(*partitions)

    def _replace_if_stalled(self) -> None:
        """Swap a stalled Kafka consumer for a fresh one: same configuration, new member."""
        watch = self._stall_watch
        if watch is None or not watch.stalled(self._topics):
            return
        log.warning(
            "consumer %s: nothing read or committed for %.0f s while messages wait on %s; "
            "replacing its Kafka consumer",
            self._group_id,
            watch.stall_s,
            self._topics,
        )
        if self._done:
            self._end_batch()  # durable either way; a refused commit only means a redelivery
        stalled = self._consumer
        config = {k: v for k, v in stalled.config.items() if k in KafkaConsumer.DEFAULT_CONFIG}
        try:
            self._consumer = KafkaConsumer(*self._topics, **config)
        except KafkaError as err:  # the broker went away meanwhile: keep watching
            log.warning("consumer %s: could not build a new consumer (%r)", self._group_id, err)
            return
        self._listen_for_revocation()
        watch.progressed()  # the new member gets its own time to join
        try:
            stalled.close(autocommit=False, timeout_ms=2000)
        except KafkaError as err:
            log.warning("consumer %s: the stalled one closed uncleanly (%r)", self._group_id, err)

    def _poll(self, poll_timeout_ms: int) -> dict[TopicPartition, list[ConsumerRecord]]:
        batch: dict[TopicPartition, list[ConsumerRecord]]
        if self._batching is None:
            batch = self._consumer.poll(timeout_ms=poll_timeout_ms)
            return batch
        room = max(1, self._batching.max_messages - self._pending())
        batch = self._consumer.poll(timeout_ms=self._wait_ms(poll_timeout_ms), max_records=room)
        return batch

    def _wait_ms(self, poll_timeout_ms: int) -> int:
        """How long a poll may wait: never past the moment the batch in hand may be due."""
        if self._oldest is None or self._batching is None:
            return poll_timeout_ms
        now, batching = self._clock(), self._batching
        due = self._oldest + batching.max_wait_s
        if batching.caught_up_wait_s is not None:
            early = self._oldest + batching.caught_up_wait_s
            due = min(due, max(early, now + CAUGHT_UP_RECHECK_S))
        return max(0, min(poll_timeout_ms, int((due - now) * 1000)))

    def _broker_unavailable(self, err: KafkaError) -> None:
        """A poll the broker could not answer: say so once per outage, pause, retry."""
        self._broker_failures += 1
        if self._broker_failures == 1:
            log.warning("consumer %s: broker unavailable (%r); retrying", self._group_id, err)
        time.sleep(min(self._max_backoff_s, 0.1 * 2**self._broker_failures))

    def _pending(self) -> int:
        return sum(offset.offset - self._first[tp] for tp, offset in self._done.items())

    def _batch_due(self) -> bool:
        if self._batching is None:
            return True
        if self._oldest is None:
            return False
        waited, batching = self._clock() - self._oldest, self._batching
        return (
            self._pending() >= batching.max_messages
            or waited >= batching.max_wait_s
            or (
                batching.caught_up_wait_s is not None
                and waited >= batching.caught_up_wait_s
                and self._caught_up()
            )
        )

    def _caught_up(self) -> bool:
        """Every partition of the batch read up to the end the broker last reported."""
        try:
            return all(
                (end := self._consumer.highwater(tp)) is not None and done.offset >= end
                for tp, done in self._done.items()
            )
        except KafkaError:  # a partition no longer assigned: not known to be caught up
            return False

    def _end_batch(self) -> int | None:
        """Make the batch durable and commit it: messages committed, None when it could not be
        made durable (its partitions are rewound)."""
        first, done = self._first, self._done
        handled = self._pending()
        self._first, self._done, self._oldest = {}, {}, None
        if not done:
            return 0
        if not self._make_durable(first):
            return None
        self._commit(done)
        return handled

    def _commit(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        try:
            self._consumer.commit(offsets=offsets)
            if self._stall_watch is not None:
                self._stall_watch.progressed()
        except CommitFailedError:
            # A rebalance took the partitions away mid-batch (e.g. a slow batch under load): the
            # new owner starts from the last committed offset and the idempotent handlers absorb
            # the repeat. Crashing here would stop the whole process for a routine event.
            log.warning("commit refused after a rebalance; the batch will be redelivered")
        except KafkaError as err:
            # The broker went away between the batch and its commit: the batch is durable and
            # idempotent, so redelivering it later is the whole cost.
            log.warning("commit failed (%r); the batch will be redelivered", err)

    def _make_durable(self, first: dict[TopicPartition, int]) -> bool:
        """Flush dead letters and the handlers' own output before their offsets commit; on
        failure rewind every partition to the start of the batch (idempotent handlers)."""
        try:
            self._dead_letterer.flush()
            if self._before_commit is not None:
                self._before_commit()
        except Exception:
            log.exception("batch effects not durable; redelivering from %s", first)
            for tp, offset in first.items():
                self._consumer.seek(tp, offset)
            return False
        return True

    def _process(self, record: ConsumerRecord) -> bool:
        """Handle one record; True when its offset may be committed."""
        with tracer.start_as_current_span(
            f"{record.topic} process",
            context=extract_context(record.headers),
            kind=trace.SpanKind.CONSUMER,
            attributes={
                "messaging.destination.name": record.topic,
                "messaging.consumer.group.name": self._group_id,
            },
        ) as span:
            try:
                message = self._decode(record)
            except (ValueError, ValidationError) as err:
                self._dead_letterer.send(record, reason=_reason(err))
                return True
            handler = self._handlers.get(message.envelope["type"])
            if handler is None:
                return True  # consumers ignore event types they do not need
            try:
                handler(message)
            except RejectMessage as err:
                self._dead_letterer.send(record, reason=f"rejected by handler: {err}")
            except Exception as err:
                log.exception("handler failed; will retry offset %s", record.offset)
                span.record_exception(err)
                return False
            return True

    def _decode(self, record: ConsumerRecord) -> ConsumedMessage:
        envelope = topic(record.topic).validate(decode_json(record.value))
        return ConsumedMessage(
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key.decode() if record.key else None,
            envelope=envelope,
        )

    def _back_off(self, failed: bool) -> None:
        self._failures = self._failures + 1 if failed else 0
        if self._failures:
            time.sleep(min(self._max_backoff_s, 0.1 * 2**self._failures))


# kafka-python is untyped: its listener base is Any (an error under --strict only).
class _EndBatchOnRevoke(ConsumerRebalanceListener):  # type: ignore[misc, unused-ignore]
    """Ends the batch in hand before its partitions move to another consumer."""

    def __init__(self, loop: ConsumerLoop) -> None:
        self._loop = loop

    def on_partitions_revoked(self, revoked: Any) -> None:
        self._loop._end_batch()

    def on_partitions_assigned(self, assigned: Any) -> None:
        pass


def _reason(err: Exception) -> str:
    if isinstance(err, ValidationError):
        return f"contract violation: {err.messages}"
    return str(err)
