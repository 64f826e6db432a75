"""Region release cuts: the moments region figures were released at (issue #19). A month is
released at the first cut after it closed, from the facts ingested by then.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "region_release_cuts",
        sa.Column("cut_at", sa.DateTime(timezone=True), primary_key=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("region_release_cuts")
