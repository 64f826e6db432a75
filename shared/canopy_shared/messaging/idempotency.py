"""Idempotent handlers: remember which event ids a consumer has applied.

Record the event id in the *same transaction* as the handler's effect; a redelivered message
then finds its id and is skipped, so its effect is counted once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, MetaData, String, Table, insert, select
from sqlalchemy.orm import Session


def define_processed_events_table(metadata: MetaData) -> Table:
    return Table(
        "processed_events",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False),
    )


def first_delivery(session: Session, table: Table, *, consumer: str, event_id: str) -> bool:
    """True (and the id recorded) if this consumer has not applied `event_id` yet.

    Two concurrent deliveries cannot both apply: the primary key makes the
    second commit fail, its transaction rolls back and the retry then sees the id.
    """
    seen = session.execute(
        select(table.c.event_id).where(table.c.consumer == consumer, table.c.event_id == event_id)
    ).first()
    if seen:
        return False
    session.execute(
        insert(table).values(consumer=consumer, event_id=event_id, processed_at=datetime.now(UTC))
    )
    return True
