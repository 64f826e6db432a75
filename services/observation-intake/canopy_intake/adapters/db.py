"""Observation intake's tables as SQLAlchemy 2 typed models (migrations in migrations/).

Owned data: walkthroughs as submitted (teacher and observer ids, notes). Read models, fed by
`tenancy.events.v1` and `templates.events.v1`, used only to validate and label walkthroughs:
districts, schools, observers' and teachers' schools, published template versions with their
content, and which organisation holds which version now. Plus the messaging tables every
service has (outbox, processed events).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
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
# The organisation read model of tenancy.events.v1 (shared with template distribution):
# districts with their region connection, schools, observers' schools.
org_tables = define_org_tables(metadata, with_regions=False, index_district_region=False)
revocation_tables = define_revocation_tables(metadata)
# One row (id 1): a number every consumed event that may change the read models moves on, in
# its own transaction; the web workers keep what they looked up until it moves (#17).
read_model_version = Table(
    "read_model_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)


class Base(DeclarativeBase):
    metadata = metadata


class Walkthrough(Base):
    """One walkthrough as submitted. `observation_id` is the client's idempotency key (the
    primary key makes concurrent retries collide); `event_id` is the id its
    observations.raw.v1 message always carries, on first publish and on every replay."""

    __tablename__ = "walkthroughs"
    __table_args__ = (
        Index("ix_walkthroughs_district_day", "district_id", "observed_on"),
        Index("ix_walkthroughs_school_day", "school_id", "observed_on"),
        UniqueConstraint("event_id", name="uq_walkthroughs_event_id"),
    )

    observation_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_id: Mapped[str] = mapped_column(ID)
    content_hash: Mapped[str] = mapped_column(String(64))
    region_id: Mapped[str | None] = mapped_column(ID)
    district_id: Mapped[str] = mapped_column(ID)
    school_id: Mapped[str] = mapped_column(ID)
    teacher_id: Mapped[str] = mapped_column(ID, index=True)
    observer_id: Mapped[str] = mapped_column(ID, index=True)
    template_id: Mapped[str] = mapped_column(ID, index=True)
    template_version_id: Mapped[str] = mapped_column(ID)
    observed_at: Mapped[str] = mapped_column(String(40))  # as sent: the offset fixes the day
    observed_on: Mapped[date] = mapped_column(Date)  # the school's local day, for filters
    duration_minutes: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(40))
    grade_level: Mapped[str] = mapped_column(String(4))
    ratings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    notes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    shared_with_teacher: Mapped[bool] = mapped_column(Boolean)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Acknowledgement(Base):
    """A teacher's one acknowledgement of a walkthrough shared with them, with their reply if
    they wrote one. District data like the walkthrough: it never leaves this service."""

    __tablename__ = "walkthrough_acknowledgements"

    observation_id: Mapped[str] = mapped_column(ID, primary_key=True)  # once per walkthrough
    teacher_id: Mapped[str] = mapped_column(ID)
    acknowledged_by: Mapped[str] = mapped_column(ID)  # the teacher's user account
    reply: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- read model of tenancy.events.v1: the roster (organisations are `org_tables`) ---------------


class TeacherSchool(Base):
    __tablename__ = "roster_teacher_schools"

    teacher_id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str] = mapped_column(ID, primary_key=True)
    district_id: Mapped[str] = mapped_column(ID)


# --- read model of templates.events.v1 -----------------------------------------------------------


class TemplateVersion(Base):
    __tablename__ = "template_versions"

    version_id: Mapped[str] = mapped_column(ID, primary_key=True)
    template_id: Mapped[str] = mapped_column(ID, index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    owner_type: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str] = mapped_column(String(200))
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Holding(Base):
    """An organisation holding a pushed version now (deleted when revoked)."""

    __tablename__ = "template_holdings"

    assignment_id: Mapped[str] = mapped_column(ID, primary_key=True)
    org_id: Mapped[str] = mapped_column(ID, primary_key=True, index=True)
    org_type: Mapped[str] = mapped_column(String(16))
    district_id: Mapped[str] = mapped_column(ID)
    template_id: Mapped[str] = mapped_column(ID)
    version_id: Mapped[str] = mapped_column(ID)


# --- the district's own settings -------------------------------------------------------------


class CoverageTarget(Base):
    """The walkthroughs a district expects of each observer per week (coverage screens)."""

    __tablename__ = "coverage_targets"

    district_id: Mapped[str] = mapped_column(ID, primary_key=True)
    weekly_visits_per_observer: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(ID)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
