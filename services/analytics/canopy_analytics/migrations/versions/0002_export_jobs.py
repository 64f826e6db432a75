"""Export jobs, partner export schedules, and the outbox partner snapshots are published from.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from canopy_shared.messaging.migrations import create_messaging_tables_v1

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_jobs",
        sa.Column("export_id", sa.String(36), primary_key=True),
        sa.Column("org_tier", sa.String(16), nullable=False),
        sa.Column("org_id", sa.String(36), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("requested_role", sa.String(32), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("parameters", sa.Text, nullable=False),
        sa.Column("principal", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("step", sa.String(200), nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snapshot_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_export_jobs_org_id", "export_jobs", ["org_id"])
    op.create_table(
        "export_schedules",
        sa.Column("region_id", sa.String(36), primary_key=True),
        sa.Column("cadence", sa.String(16), nullable=False),
        sa.Column("parameters", sa.Text, nullable=False),
        sa.Column("principal", sa.Text, nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_export_id", sa.String(36), nullable=True),
    )
    create_messaging_tables_v1(outbox=True, processed_events=False)


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("export_schedules")
    op.drop_index("ix_export_jobs_org_id", "export_jobs")
    op.drop_table("export_jobs")
