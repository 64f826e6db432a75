"""Analytics' SQL tables (goals, export jobs and revoked tokens' cutoffs live here; facts live
in ClickHouse)."""

from __future__ import annotations

from sqlalchemy import MetaData

from canopy_shared.messaging.idempotency import define_processed_events_table
from canopy_shared.revocation.tables import define_revocation_tables

metadata = MetaData()
processed_events = define_processed_events_table(metadata)
revocation_tables = define_revocation_tables(metadata)  # fed by the sink (handlers.py)
