"""Anonymizer's tables (the repositories over them are in `repositories`).

The migrations under `migrations/versions/` create these tables by hand; this module states the
shape the code expects (a test checks a migrated database against it).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, LargeBinary, MetaData, String, Table

from canopy_shared.messaging.idempotency import define_processed_events_table
from canopy_shared.revocation.tables import define_revocation_tables

metadata = MetaData()
processed_events = define_processed_events_table(metadata)  # from 0001; unused: output is
# deterministic, so a redelivery simply publishes the identical message again.

pseudonym_keys = Table(
    "pseudonym_keys",
    metadata,
    Column("district_id", String(36), primary_key=True),
    Column("school_year", String(9), primary_key=True),
    Column("key_material", LargeBinary, nullable=False),  # the key, AES-GCM wrapped if a KEK
    Column("wrapped_by", String(16), nullable=True),  # id of that KEK; NULL: stored plain
    Column("fingerprint", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Revoked tokens' cutoffs from tenancy.events.v1 (canopy_shared.revocation): the key-admin API
# refuses a token its account or district change ended.
revocation_tables = define_revocation_tables(metadata)

counters = Table(
    "counters",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
