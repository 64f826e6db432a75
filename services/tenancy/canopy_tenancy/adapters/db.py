"""Tenancy's tables (SQLAlchemy 2 typed models). Migrations in `migrations/versions/` create
them on SQLite and PostgreSQL alike; `tests/tenancy` checks the two agree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from canopy_shared.db import ID, UtcDateTime
from canopy_shared.messaging.idempotency import define_processed_events_table
from canopy_shared.messaging.outbox import define_outbox_table
from canopy_shared.revocation.tables import define_revocation_tables

metadata = MetaData()
outbox = define_outbox_table(metadata)
processed_events = define_processed_events_table(metadata)
# Tenancy's own "tokens valid after" cutoffs, written in the transaction of the change that
# revokes (canopy_shared.revocation); the other services learn them from the bus.
revocation_tables = define_revocation_tables(metadata)


class Base(DeclarativeBase):
    metadata = metadata
    type_annotation_map = {datetime: UtcDateTime()}


class RegionModel(Base):
    __tablename__ = "regions"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class DistrictModel(Base):
    __tablename__ = "districts"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[str | None] = mapped_column(ForeignKey("regions.id"), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SchoolModel(Base):
    __tablename__ = "schools"
    __table_args__ = (UniqueConstraint("district_id", "source_id", name="uq_schools_source"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    source_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ConnectionModel(Base):
    __tablename__ = "connections"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    region_id: Mapped[str] = mapped_column(ForeignKey("regions.id"), index=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("districts.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    agreement_text: Mapped[str] = mapped_column(Text)
    agreement_version: Mapped[str] = mapped_column(String(64))
    invited_by: Mapped[str] = mapped_column(ID)
    invited_at: Mapped[datetime]
    responded_by: Mapped[str | None] = mapped_column(ID)
    responded_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(ID)
    ended_at: Mapped[datetime | None]


class TeacherModel(Base):
    __tablename__ = "teachers"
    __table_args__ = (UniqueConstraint("district_id", "source_id", name="uq_teachers_source"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("districts.id"), index=True)
    source_id: Mapped[str | None] = mapped_column(String(255))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    removed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TeacherSchoolModel(Base):
    __tablename__ = "teacher_schools"
    teacher_id: Mapped[str] = mapped_column(ForeignKey("teachers.id"), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True, index=True)


class RosterImportModel(Base):
    __tablename__ = "roster_imports"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("districts.id"), index=True)
    imported_by: Mapped[str] = mapped_column(ID)
    imported_at: Mapped[datetime]
    dry_run: Mapped[bool] = mapped_column(Boolean)
    applied: Mapped[bool] = mapped_column(Boolean)
    report: Mapped[str] = mapped_column(Text)  # JSON: summary, row errors, rows with names


class UserModel(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    org_id: Mapped[str] = mapped_column(ID, index=True)
    org_tier: Mapped[str] = mapped_column(String(16))
    district_id: Mapped[str | None] = mapped_column(ForeignKey("districts.id"), index=True)
    teacher_id: Mapped[str | None] = mapped_column(ForeignKey("teachers.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ObserverAssignmentModel(Base):
    __tablename__ = "observer_assignments"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True, index=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("districts.id"))
    assigned_by: Mapped[str] = mapped_column(ID)
    assigned_at: Mapped[datetime]


class SigningKeyModel(Base):
    __tablename__ = "signing_keys"
    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    private_key_pem: Mapped[str] = mapped_column(Text)  # encrypted when a passphrase is set
    public_jwk: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    retire_after: Mapped[datetime | None]  # unpublished after this (set when superseded)


class SignInFailureModel(Base):
    __tablename__ = "sign_in_failures"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None]
    last_failure_at: Mapped[datetime]
