"""Revoked tokens: the "tokens valid after" cutoffs per user and per district
(`canopy_shared.revocation`), checked by the token verifier on every request.

Revision ID: 0003
Revises: 0002
"""

from canopy_shared.revocation.migrations import (
    create_revocation_tables_v1,
    drop_revocation_tables_v1,
)

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_revocation_tables_v1()


def downgrade() -> None:
    drop_revocation_tables_v1()
