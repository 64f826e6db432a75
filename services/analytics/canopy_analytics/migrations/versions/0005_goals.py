"""Improvement goals (issue 18): region, district and school goals over look-fors, with the
link an adopted or adapted goal keeps to the goal above it. Their events leave through the
outbox of 0002.

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
        "goals",
        sa.Column("goal_id", sa.String(36), primary_key=True),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("org_id", sa.String(36), nullable=False),
        sa.Column("region_id", sa.String(36), nullable=True),
        sa.Column("district_id", sa.String(36), nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("template_id", sa.String(36), nullable=False),
        sa.Column("look_fors", sa.Text, nullable=False),
        sa.Column("target_level", sa.Integer, nullable=False),
        sa.Column("target_share", sa.Float, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("benchmarks", sa.Text, nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("parent_goal_id", sa.String(36), nullable=True),
        sa.Column("alignment", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("org_id", "region_id", "district_id", "parent_goal_id"):
        op.create_index(f"ix_goals_{column}", "goals", [column])


def downgrade() -> None:
    for column in ("org_id", "region_id", "district_id", "parent_goal_id"):
        op.drop_index(f"ix_goals_{column}", "goals")
    op.drop_table("goals")
