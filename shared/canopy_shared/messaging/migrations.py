"""Alembic helpers creating the messaging tables (outbox, processed_events) in a service's
first migration. If these tables ever change, add a new helper and a new migration in each
service; never edit what a past migration created."""

from __future__ import annotations

from alembic import op
from sqlalchemy import MetaData

from canopy_shared.messaging.idempotency import define_processed_events_table
from canopy_shared.messaging.outbox import define_outbox_table


def create_messaging_tables_v1(*, outbox: bool = True, processed_events: bool = True) -> None:
    metadata = MetaData()
    if outbox:
        define_outbox_table(metadata)
    if processed_events:
        define_processed_events_table(metadata)
    metadata.create_all(op.get_bind())


def drop_messaging_tables_v1(*, outbox: bool = True, processed_events: bool = True) -> None:
    if processed_events:
        op.drop_table("processed_events")
    if outbox:
        op.drop_table("outbox")
