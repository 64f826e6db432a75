"""Template distribution's tables as SQLAlchemy 2 typed models (migrations in migrations/).

Owned data: templates (with their one open draft), immutable published versions, assignments
(a push: template, version, lock, scope) and who currently holds each. Read model, fed by
`tenancy.events.v1`: regions, districts with their current region connection, schools,
observers' schools. Plus the messaging tables every service has (outbox, processed events).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
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
from canopy_shared.org_read_model.tables import define_org_tables
from canopy_shared.revocation.tables import define_revocation_tables

metadata = MetaData()
outbox = define_outbox_table(metadata)
processed_events = define_processed_events_table(metadata)
# The read model of tenancy.events.v1 (shared with intake): regions, districts with their
# current region connection, schools, observers' schools.
org_tables = define_org_tables(metadata, with_regions=True, index_district_region=True)
# Revoked tokens' cutoffs from the same topic (canopy_shared.revocation).
revocation_tables = define_revocation_tables(metadata)

ORG_TYPE = String(16)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = metadata


# --- owned: templates, versions, assignments -----------------------------------------------------


class Template(Base):
    __tablename__ = "templates"
    __table_args__ = (
        CheckConstraint(
            "owner_type IN ('region', 'district', 'school')", name="ck_templates_owner_type"
        ),
    )

    template_id: Mapped[str] = mapped_column(ID, primary_key=True)
    owner_type: Mapped[str] = mapped_column(ORG_TYPE)
    owner_id: Mapped[str] = mapped_column(ID, index=True)
    owner_district_id: Mapped[str | None] = mapped_column(ID)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    derived_from_template_id: Mapped[str | None] = mapped_column(ID, index=True)
    derived_from_version_id: Mapped[str | None] = mapped_column(ID)
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # None: no draft open
    draft_base_version_id: Mapped[str | None] = mapped_column(ID)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TemplateVersion(Base):
    __tablename__ = "template_versions"
    __table_args__ = (
        UniqueConstraint("template_id", "version_number", name="uq_template_versions_number"),
    )

    version_id: Mapped[str] = mapped_column(ID, primary_key=True)
    template_id: Mapped[str] = mapped_column(ForeignKey("templates.template_id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    region_id: Mapped[str | None] = mapped_column(ID)  # the owner's region when published
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    published_by: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Assignment(Base):
    """A template's push (one per template, kept across versions so its id stays stable)."""

    __tablename__ = "assignments"

    assignment_id: Mapped[str] = mapped_column(ID, primary_key=True)
    template_id: Mapped[str] = mapped_column(ForeignKey("templates.template_id"), unique=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("template_versions.version_id"))
    assigned_by_type: Mapped[str] = mapped_column(ORG_TYPE)
    assigned_by_id: Mapped[str] = mapped_column(ID, index=True)
    locked: Mapped[bool] = mapped_column(Boolean)
    target_ids: Mapped[list[str] | None] = mapped_column(JSON)  # None: the whole scope
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AssignerTurn(Base):
    """One row per organisation that pushes, written by every transaction that decides who
    receives its pushes (`AssignmentRepository.take_turns`): the row lock makes a push and a
    reconciliation after an organisation change take turns, so the later one sees what the
    earlier one committed (under PostgreSQL's READ COMMITTED each would otherwise miss the
    other's uncommitted change: a push made while a district's connection is applied could
    reach nobody, and stay so)."""

    __tablename__ = "assigner_turns"

    assigner_id: Mapped[str] = mapped_column(ID, primary_key=True)
    turns: Mapped[int] = mapped_column(Integer)


class Receipt(Base):
    """One receiver currently holding an assignment (deleted when revoked)."""

    __tablename__ = "assignment_receivers"

    assignment_id: Mapped[str] = mapped_column(
        ForeignKey("assignments.assignment_id"), primary_key=True
    )
    org_id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)
    org_type: Mapped[str] = mapped_column(ORG_TYPE)
    district_id: Mapped[str] = mapped_column(ID)
    version_id: Mapped[str] = mapped_column(ID)
    locked: Mapped[bool] = mapped_column(Boolean)
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime)
