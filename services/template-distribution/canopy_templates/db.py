"""Template distribution's tables."""

from __future__ import annotations

from sqlalchemy import MetaData

from canopy_shared.messaging.idempotency import define_processed_events_table
from canopy_shared.messaging.outbox import define_outbox_table

metadata = MetaData()
outbox = define_outbox_table(metadata)
processed_events = define_processed_events_table(metadata)
