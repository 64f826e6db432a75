"""Messaging tables: processed event ids.

Revision ID: 0001
Revises:
"""

from canopy_shared.messaging.migrations import create_messaging_tables_v1, drop_messaging_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables_v1(outbox=False)


def downgrade() -> None:
    drop_messaging_tables_v1(outbox=False)
