"""Pseudonym keys: one per (district, school year), never replaced.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pseudonym_keys",
        sa.Column("district_id", sa.String(36), nullable=False),
        sa.Column("school_year", sa.String(9), nullable=False),
        sa.Column("key_material", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_by", sa.String(16), nullable=True),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        # The primary key is what makes key creation race-safe across replicas.
        sa.PrimaryKeyConstraint("district_id", "school_year", name="pk_pseudonym_keys"),
    )


def downgrade() -> None:
    op.drop_table("pseudonym_keys")
