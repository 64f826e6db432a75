"""Counters shown by /v1/metrics, summed over every consumer replica.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )
    op.bulk_insert(
        counters, [{"name": "anonymized", "value": 0}, {"name": "dead_lettered", "value": 0}]
    )


def downgrade() -> None:
    op.drop_table("counters")
