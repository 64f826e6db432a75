"""Walkthroughs; the organisation, roster and template read models.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(36)


def _id(name: str, *, primary_key: bool = False, nullable: bool = False) -> sa.Column:
    return sa.Column(name, ID, primary_key=primary_key, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "walkthroughs",
        _id("observation_id", primary_key=True),
        _id("event_id"),
        sa.Column("content_hash", sa.String(64), nullable=False),
        _id("region_id", nullable=True),
        _id("district_id"),
        _id("school_id"),
        _id("teacher_id"),
        _id("observer_id"),
        _id("template_id"),
        _id("template_version_id"),
        sa.Column("observed_at", sa.String(40), nullable=False),
        sa.Column("observed_on", sa.Date, nullable=False),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("subject", sa.String(40), nullable=False),
        sa.Column("grade_level", sa.String(4), nullable=False),
        sa.Column("ratings", sa.JSON, nullable=False),
        sa.Column("notes", sa.JSON, nullable=True),
        sa.Column("shared_with_teacher", sa.Boolean, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("event_id", name="uq_walkthroughs_event_id"),
    )
    op.create_index("ix_walkthroughs_district_day", "walkthroughs", ["district_id", "observed_on"])
    op.create_index("ix_walkthroughs_school_day", "walkthroughs", ["school_id", "observed_on"])
    for column in ("teacher_id", "observer_id", "template_id"):
        op.create_index(f"ix_walkthroughs_{column}", "walkthroughs", [column])
    _create_read_models()


def _create_read_models() -> None:
    op.create_table(
        "org_districts",
        _id("district_id", primary_key=True),
        sa.Column("name", sa.String(200), nullable=True),
        _id("region_id", nullable=True),
    )
    op.create_table(
        "org_schools",
        _id("school_id", primary_key=True),
        _id("district_id"),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_index("ix_org_schools_district_id", "org_schools", ["district_id"])
    op.create_table(
        "org_observer_schools", _id("user_id", primary_key=True), _id("school_id", primary_key=True)
    )
    op.create_table(
        "roster_teacher_schools",
        _id("teacher_id", primary_key=True),
        _id("school_id", primary_key=True),
        _id("district_id"),
    )
    op.create_table(
        "template_versions",
        _id("version_id", primary_key=True),
        _id("template_id"),
        sa.Column("version_number", sa.Integer, nullable=False),
        sa.Column("owner_type", sa.String(16), nullable=False),
        _id("owner_id"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_template_versions_template_id", "template_versions", ["template_id"])
    op.create_table(
        "template_holdings",
        _id("assignment_id", primary_key=True),
        _id("org_id", primary_key=True),
        sa.Column("org_type", sa.String(16), nullable=False),
        _id("district_id"),
        _id("template_id"),
        _id("version_id"),
    )
    op.create_index("ix_template_holdings_org_id", "template_holdings", ["org_id"])


def downgrade() -> None:
    for table in (
        "template_holdings",
        "template_versions",
        "roster_teacher_schools",
        "org_observer_schools",
        "org_schools",
        "org_districts",
        "walkthroughs",
    ):
        op.drop_table(table)
