"""Alembic helpers creating the revocation tables in a service's own migration. If these tables
ever change, add a new helper and a new migration in each service; never edit what a past
migration created."""

from __future__ import annotations

from alembic import op
from sqlalchemy import MetaData

from canopy_shared.revocation.tables import define_revocation_tables


def create_revocation_tables_v1() -> None:
    metadata = MetaData()
    define_revocation_tables(metadata)
    metadata.create_all(op.get_bind())


def drop_revocation_tables_v1() -> None:
    op.drop_table("revoked_districts")
    op.drop_table("revoked_subjects")
