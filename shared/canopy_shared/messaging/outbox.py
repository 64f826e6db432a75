"""Transactional outbox: a message is written in the same transaction as the state change it
announces, so an event is published if and only if the change committed.

The relay (`relay.py`) publishes pending rows and marks them sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    insert,
)
from sqlalchemy.orm import Session

from canopy_shared.contracts import Envelope
from canopy_shared.messaging.publisher import serialize
from canopy_shared.telemetry import inject_headers


def define_outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        # BigInteger on PostgreSQL, INTEGER (the rowid alias, so autoincrement works) on SQLite.
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("topic", String(200), nullable=False),
        Column("message_key", LargeBinary, nullable=True),
        Column("message_value", LargeBinary, nullable=False),
        Column("headers", Text, nullable=False),  # JSON list of [name, latin-1 value]
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("claimed_by", String(100), nullable=True),
        Column("claimed_until", DateTime(timezone=True), nullable=True, index=True),
        Column("published_at", DateTime(timezone=True), nullable=True, index=True),
    )


@dataclass(frozen=True)
class OutboxMessage:
    """An envelope already validated and serialized for its topic (by `serialized`)."""

    event_id: str
    key: bytes | None
    value: bytes


def serialized(topic_name: str, envelope: Envelope) -> OutboxMessage:
    """Validate `envelope` strictly against the topic's contract (ValidationError names the
    field) and serialize it, ready for `add_serialized_to_outbox`."""
    key, value = serialize(topic_name, envelope)
    return OutboxMessage(envelope.event_id, key, value)


def add_to_outbox(session: Session, table: Table, topic_name: str, envelope: Envelope) -> None:
    """Queue `envelope` for `topic_name` inside the caller's transaction.

    Validated against the topic's contract now, so a bad event fails the use case that made it
    rather than the relay later. The current trace context is stored with it, so the trace that
    began at the HTTP request continues through the relay to the consumer.
    """
    add_serialized_to_outbox(session, table, topic_name, [serialized(topic_name, envelope)])


def add_serialized_to_outbox(
    session: Session, table: Table, topic_name: str, messages: Sequence[OutboxMessage]
) -> None:
    """Queue many messages in one insert. Only `serialized` makes an `OutboxMessage`, so each
    was validated strictly against `topic_name`'s contract, exactly once."""
    if not messages:
        return
    headers = json.dumps([[name, raw.decode("latin-1")] for name, raw in inject_headers()])
    created_at = datetime.now(UTC)
    session.execute(
        insert(table),
        [
            {
                "event_id": m.event_id,
                "topic": topic_name,
                "message_key": m.key,
                "message_value": m.value,
                "headers": headers,
                "created_at": created_at,
            }
            for m in messages
        ],
    )


def decode_headers(stored: str) -> list[tuple[str, bytes]]:
    return [(name, raw.encode("latin-1")) for name, raw in json.loads(stored)]
