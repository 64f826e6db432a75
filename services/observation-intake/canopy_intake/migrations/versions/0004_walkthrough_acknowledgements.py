"""Teachers' acknowledgements of the walkthroughs shared with them.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(36)


def upgrade() -> None:
    op.create_table(
        "walkthrough_acknowledgements",
        sa.Column("observation_id", ID, primary_key=True),
        sa.Column("teacher_id", ID, nullable=False),
        sa.Column("acknowledged_by", ID, nullable=False),
        sa.Column("reply", sa.Text, nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("walkthrough_acknowledgements")
