"""The sink's bus handlers: what it consumes, and each kept event's rows staged in the batch.

The sink reads the anonymized stream (never observations.raw.v1) plus tenancy and template
events for organisation names, region connections, roster sizes and template labels, and the
tenancy events that revoke tokens (`canopy_shared.revocation`: written at once to analytics' SQL
database, not staged: a revocation must not wait for a batch). Event types without rows
(teacher and observer events among them) are ignored and their offsets committed.
The shared consumer loop writes the batch (`flush_batch`) before it commits its offsets.
"""

from __future__ import annotations

import json
from typing import Any

from kafka.consumer.fetcher import ConsumerRecord
from opentelemetry import trace
from sqlalchemy.orm import Session, sessionmaker

from canopy_analytics.adapters.clickhouse.event_rows import ROW_BUILDERS
from canopy_analytics.adapters.clickhouse.writer import BatchWriter, DeadLetter
from canopy_analytics.adapters.db import revocation_tables
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, TEMPLATES_EVENTS, TENANCY_EVENTS
from canopy_shared.messaging.consumer import ConsumedMessage, Handler, RejectMessage
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.revocation.handlers import build_revocation_handlers, merge_handlers

CONSUMER_GROUP = "analytics"
TOPICS = [OBSERVATIONS_ANONYMIZED.name, TENANCY_EVENTS.name, TEMPLATES_EVENTS.name]

tracer = trace.get_tracer(__name__)


def sink_handlers(
    writer: BatchWriter, sessions: sessionmaker[Session] | None = None
) -> dict[str, Handler]:
    """Each event type the sink keeps: its rows staged in the batch `writer` holds; with
    `sessions` (analytics' SQL database), revoked tokens' cutoffs recorded too."""

    def stage(message: ConsumedMessage) -> None:
        try:
            rows = ROW_BUILDERS[message.envelope["type"]](message.envelope)
        except ValueError as err:  # a value the contract let through but no table can hold
            raise RejectMessage(str(err)) from err
        writer.stage(rows, source=message)

    staged: dict[str, Handler] = dict.fromkeys(ROW_BUILDERS, stage)
    if sessions is None:
        return staged
    return merge_handlers(staged, build_revocation_handlers(sessions, revocation_tables))


def dead_letter_refused(dead_letterer: DeadLetterer) -> DeadLetter:
    """The writer's callback for a message ClickHouse refused on its own: to the dead-letter
    topic with the reason, delivered before the batch's offsets commit (the loop flushed its
    own dead letters already when the writer runs)."""

    def send(message: Any, reason: str) -> None:
        assert isinstance(message, ConsumedMessage)
        dead_letterer.send(_as_record(message), reason=reason)
        dead_letterer.flush()

    return send


def _as_record(message: ConsumedMessage) -> ConsumerRecord:
    """The consumed message as the dead-letter topic records it (its envelope as delivered)."""
    key = message.key.encode() if message.key is not None else None
    value = json.dumps(message.envelope).encode()
    return ConsumerRecord(
        message.topic, message.partition, -1, message.offset, -1, 0,
        key, value, [], None, -1, len(value), -1,
    )  # fmt: skip


def flush_batch(writer: BatchWriter) -> None:
    """Write the batch (the loop's `before_commit`: offsets commit only after it)."""
    with tracer.start_as_current_span("analytics sink flush") as span:
        span.set_attribute("messaging.batch.message_count", writer.messages)
        inserted = writer.flush()
        span.set_attribute("analytics.walkthroughs_inserted", inserted)
