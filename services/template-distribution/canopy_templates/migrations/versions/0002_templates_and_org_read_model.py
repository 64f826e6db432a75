"""Templates, immutable versions, assignments and their receivers; the organisation read model.

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
ORG_TYPE = sa.String(16)


def _when(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "templates",
        sa.Column("template_id", ID, primary_key=True),
        sa.Column("owner_type", ORG_TYPE, nullable=False),
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("owner_district_id", ID, nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("derived_from_template_id", ID, nullable=True),
        sa.Column("derived_from_version_id", ID, nullable=True),
        sa.Column("draft", sa.JSON, nullable=True),
        sa.Column("draft_base_version_id", ID, nullable=True),
        sa.Column("created_by", sa.String(100), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.CheckConstraint(
            "owner_type IN ('region', 'district', 'school')", name="ck_templates_owner_type"
        ),
    )
    op.create_index("ix_templates_owner_id", "templates", ["owner_id"])
    op.create_table(
        "template_versions",
        sa.Column("version_id", ID, primary_key=True),
        sa.Column("template_id", ID, sa.ForeignKey("templates.template_id"), nullable=False),
        sa.Column("version_number", sa.Integer, nullable=False),
        sa.Column("region_id", ID, nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("published_by", sa.String(100), nullable=False),
        _when("published_at"),
        _when("retired_at", nullable=True),
        sa.UniqueConstraint("template_id", "version_number", name="uq_template_versions_number"),
    )
    op.create_index("ix_template_versions_template_id", "template_versions", ["template_id"])
    op.create_table(
        "assignments",
        sa.Column("assignment_id", ID, primary_key=True),
        sa.Column(
            "template_id", ID, sa.ForeignKey("templates.template_id"), nullable=False, unique=True
        ),
        sa.Column("version_id", ID, sa.ForeignKey("template_versions.version_id"), nullable=False),
        sa.Column("assigned_by_type", ORG_TYPE, nullable=False),
        sa.Column("assigned_by_id", ID, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False),
        sa.Column("target_ids", sa.JSON, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        _when("created_at"),
        _when("updated_at"),
    )
    op.create_index("ix_assignments_assigned_by_id", "assignments", ["assigned_by_id"])
    op.create_table(
        "assignment_receivers",
        sa.Column(
            "assignment_id", ID, sa.ForeignKey("assignments.assignment_id"), primary_key=True
        ),
        sa.Column("org_id", ID, primary_key=True),
        sa.Column("org_type", ORG_TYPE, nullable=False),
        sa.Column("district_id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False),
        _when("assigned_at"),
    )
    op.create_index("ix_assignment_receivers_org_id", "assignment_receivers", ["org_id"])
    _create_org_read_model()


def _create_org_read_model() -> None:
    op.create_table(
        "org_regions",
        sa.Column("region_id", ID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "org_districts",
        sa.Column("district_id", ID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("region_id", ID, nullable=True),
    )
    op.create_index("ix_org_districts_region_id", "org_districts", ["region_id"])
    op.create_table(
        "org_schools",
        sa.Column("school_id", ID, primary_key=True),
        sa.Column("district_id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_index("ix_org_schools_district_id", "org_schools", ["district_id"])
    op.create_table(
        "org_observer_schools",
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("school_id", ID, primary_key=True),
    )


def downgrade() -> None:
    for table in ("org_observer_schools", "org_schools", "org_districts", "org_regions"):
        op.drop_table(table)
    for table in ("assignment_receivers", "assignments", "template_versions", "templates"):
        op.drop_table(table)
