"""Teachers' acknowledgements of the walkthroughs shared with them.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
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
