"""Organisations, connections, roster, users, observer assignments, signing keys, sign-in
failures.

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


def _when(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _stamps() -> list[sa.Column]:
    return [_when("created_at"), _when("updated_at")]


def _fk(name: str, target: str, *, nullable: bool = False, **kwargs: object) -> sa.Column:
    return sa.Column(name, ID, sa.ForeignKey(target), nullable=nullable, **kwargs)


def upgrade() -> None:
    _organisations()
    _people()
    _sign_in()


def _organisations() -> None:
    op.create_table("regions", sa.Column("id", ID, primary_key=True), _name(), *_stamps())
    op.create_table(
        "districts",
        sa.Column("id", ID, primary_key=True),
        _name(),
        _fk("region_id", "regions.id", nullable=True),
        *_stamps(),
    )
    op.create_index("ix_districts_region_id", "districts", ["region_id"])
    op.create_table(
        "schools",
        sa.Column("id", ID, primary_key=True),
        _fk("district_id", "districts.id"),
        _name(),
        sa.Column("source_id", sa.String(255), nullable=True),
        *_stamps(),
        sa.UniqueConstraint("district_id", "source_id", name="uq_schools_source"),
    )
    op.create_index("ix_schools_district_id", "schools", ["district_id"])
    op.create_table(
        "connections",
        sa.Column("id", ID, primary_key=True),
        _fk("region_id", "regions.id"),
        _fk("district_id", "districts.id"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("agreement_text", sa.Text, nullable=False),
        sa.Column("agreement_version", sa.String(64), nullable=False),
        sa.Column("invited_by", ID, nullable=False),
        _when("invited_at"),
        sa.Column("responded_by", ID, nullable=True),
        _when("responded_at", nullable=True),
        sa.Column("ended_by", ID, nullable=True),
        _when("ended_at", nullable=True),
    )
    op.create_index("ix_connections_region_id", "connections", ["region_id"])
    op.create_index("ix_connections_district_id", "connections", ["district_id"])


def _name() -> sa.Column:
    return sa.Column("name", sa.String(200), nullable=False)


def _people() -> None:
    op.create_table(
        "teachers",
        sa.Column("id", ID, primary_key=True),
        _fk("district_id", "districts.id"),
        sa.Column("source_id", sa.String(255), nullable=True),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("family_name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        _when("removed_at", nullable=True),
        *_stamps(),
        sa.UniqueConstraint("district_id", "source_id", name="uq_teachers_source"),
    )
    op.create_index("ix_teachers_district_id", "teachers", ["district_id"])
    op.create_table(
        "teacher_schools",
        _fk("teacher_id", "teachers.id", primary_key=True),
        _fk("school_id", "schools.id", primary_key=True),
    )
    op.create_index("ix_teacher_schools_school_id", "teacher_schools", ["school_id"])
    op.create_table(
        "roster_imports",
        sa.Column("id", ID, primary_key=True),
        _fk("district_id", "districts.id"),
        sa.Column("imported_by", ID, nullable=False),
        _when("imported_at"),
        sa.Column("dry_run", sa.Boolean, nullable=False),
        sa.Column("applied", sa.Boolean, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
    )
    op.create_index("ix_roster_imports_district_id", "roster_imports", ["district_id"])
    _users()


def _users() -> None:
    op.create_table(
        "users",
        sa.Column("id", ID, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("org_id", ID, nullable=False),
        sa.Column("org_tier", sa.String(16), nullable=False),
        _fk("district_id", "districts.id", nullable=True),
        _fk("teacher_id", "teachers.id", nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        *_stamps(),
    )
    op.create_index("ix_users_org_id", "users", ["org_id"])
    op.create_index("ix_users_district_id", "users", ["district_id"])
    op.create_table(
        "observer_assignments",
        _fk("user_id", "users.id", primary_key=True),
        _fk("school_id", "schools.id", primary_key=True),
        _fk("district_id", "districts.id"),
        sa.Column("assigned_by", ID, nullable=False),
        _when("assigned_at"),
    )
    op.create_index("ix_observer_assignments_school_id", "observer_assignments", ["school_id"])


def _sign_in() -> None:
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("private_key_pem", sa.Text, nullable=False),
        sa.Column("public_jwk", sa.Text, nullable=False),
        _when("created_at"),
        _when("retire_after", nullable=True),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        _when("locked_until", nullable=True),
        _when("last_failure_at"),
    )


def downgrade() -> None:
    for table in (
        "sign_in_failures",
        "signing_keys",
        "observer_assignments",
        "users",
        "roster_imports",
        "teacher_schools",
        "teachers",
        "connections",
        "schools",
        "districts",
        "regions",
    ):
        op.drop_table(table)
