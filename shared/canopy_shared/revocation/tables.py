"""The revocation read model's tables, defined on a service's own metadata (its Alembic
migration creates them like any other table of that service)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, MetaData, String, Table

from canopy_shared.db import ID

REASON = String(32)


@dataclass(frozen=True)
class RevocationTables:
    subjects: Table  # per user: tokens of this subject issued before the cutoff are refused
    districts: Table  # per district: tokens of its (and its schools') users issued before it


def define_revocation_tables(metadata: MetaData) -> RevocationTables:
    # Cutoffs are whole microseconds since the epoch: exact comparisons with a token's `iat`
    # (tenancy writes it with microseconds), the same on SQLite and PostgreSQL.
    return RevocationTables(
        subjects=Table(
            "revoked_subjects",
            metadata,
            Column("subject_id", ID, primary_key=True),
            Column("valid_after_us", BigInteger, nullable=False),
            Column("reason", REASON, nullable=False),
        ),
        districts=Table(
            "revoked_districts",
            metadata,
            Column("district_id", ID, primary_key=True),
            Column("valid_after_us", BigInteger, nullable=False),
            Column("reason", REASON, nullable=False),
        ),
    )
