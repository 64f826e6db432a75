"""Forks by their source: a region lists who forked its template (GET /v1/templates/{id}/forks).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_templates_derived_from_template_id", "templates", ["derived_from_template_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_templates_derived_from_template_id", table_name="templates")
