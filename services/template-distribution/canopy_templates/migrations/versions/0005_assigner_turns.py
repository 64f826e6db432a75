"""Assigner turns: a push and a reconciliation after an organisation change serialize on the
pushing organisation's row (`AssignerTurn` in adapters/db.py says why).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assigner_turns",
        sa.Column("assigner_id", sa.String(36), primary_key=True),
        sa.Column("turns", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("assigner_turns")
