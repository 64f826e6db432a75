"""Analytics' SQL tables (goals and export jobs live here; facts live in ClickHouse)."""

from __future__ import annotations

from sqlalchemy import MetaData

from canopy_shared.messaging.idempotency import define_processed_events_table

metadata = MetaData()
processed_events = define_processed_events_table(metadata)
