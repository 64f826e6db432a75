"""The teacher roster: teachers, the changes a OneRoster import or a manual edit makes to a
district's schools and teachers, decided before anything is written (so an import is applied
whole or not at all), and the events those changes announce.

One rule classifies every teacher change, for the import and the HTTP edits alike: which event
it is (rostered / moved / removed, or none for a name fix) and which schools' counts it touches.
Names and emails never leave tenancy: events carry ids and counts only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, NotRequired, TypedDict

from canopy_tenancy.domain.events import Event
from canopy_tenancy.domain.oneroster import (
    ORGS,
    USERS,
    ParsedRoster,
    RowError,
    SchoolRow,
    TeacherRow,
)
from canopy_tenancy.domain.orgs import School


@dataclass(frozen=True)
class Teacher:
    """A roster entry. Names and emails never leave tenancy (events carry ids only)."""

    id: str
    district_id: str
    source_id: str | None
    given_name: str
    family_name: str
    email: str | None
    school_ids: frozenset[str]
    removed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ImportReport(TypedDict):
    summary: dict[str, int]  # RosterPlan.summary() and rows_skipped
    errors: list[dict[str, Any]]  # RowError fields: file, line, source_id, field, message
    # What each row does (domain/import_rows.py); reports written before it had none.
    rows: NotRequired[list[dict[str, Any]]]
    rows_omitted: NotRequired[int]


@dataclass(frozen=True)
class ImportRecord:
    """One OneRoster import as reported to the district admin (counts and row errors)."""

    id: str
    district_id: str
    imported_by: str
    imported_at: datetime
    dry_run: bool
    applied: bool
    report: ImportReport


class ChangeKind(StrEnum):
    ROSTERED = "rostered"  # new, or back after removal
    MOVED = "moved"  # different schools
    REMOVED = "removed"
    DETAILS = "details"  # name or email only: nothing travels on the bus
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class TeacherChange:
    before: Teacher | None
    after: Teacher

    @property
    def kind(self) -> ChangeKind:
        was_on = self.before is not None and self.before.removed_at is None
        is_on = self.after.removed_at is None
        if not was_on:
            return ChangeKind.ROSTERED if is_on else ChangeKind.UNCHANGED
        if not is_on:
            return ChangeKind.REMOVED
        assert self.before is not None
        if self.before.school_ids != self.after.school_ids:
            return ChangeKind.MOVED
        return (
            ChangeKind.UNCHANGED if _same_details(self.before, self.after) else ChangeKind.DETAILS
        )

    @property
    def schools_before(self) -> frozenset[str]:
        if self.before is None or self.before.removed_at is not None:
            return frozenset()
        return self.before.school_ids

    @property
    def schools_after(self) -> frozenset[str]:
        return self.after.school_ids if self.after.removed_at is None else frozenset()

    def touched_school_ids(self) -> frozenset[str]:
        """Schools whose roster membership this change alters (their counts may change)."""
        return self.schools_before ^ self.schools_after


def _same_details(a: Teacher, b: Teacher) -> bool:
    return (a.given_name, a.family_name, a.email) == (b.given_name, b.family_name, b.email)


def removed(teacher: Teacher, now: datetime) -> Teacher:
    return replace(teacher, school_ids=frozenset(), removed_at=now, updated_at=now)


@dataclass
class RosterPlan:
    new_schools: list[School] = field(default_factory=list)
    renamed_schools: list[School] = field(default_factory=list)
    teacher_changes: list[TeacherChange] = field(default_factory=list)  # never UNCHANGED
    errors: list[RowError] = field(default_factory=list)
    unchanged_schools: int = 0
    unchanged_teachers: int = 0

    def summary(self) -> dict[str, int]:
        kinds = [c.kind for c in self.teacher_changes]
        return {
            "schools_created": len(self.new_schools),
            "schools_renamed": len(self.renamed_schools),
            "schools_unchanged": self.unchanged_schools,
            "teachers_rostered": kinds.count(ChangeKind.ROSTERED),
            "teachers_moved": kinds.count(ChangeKind.MOVED),
            "teachers_removed": kinds.count(ChangeKind.REMOVED),
            "teachers_updated": kinds.count(ChangeKind.DETAILS),
            "teachers_unchanged": self.unchanged_teachers,
        }


@dataclass(frozen=True)
class RosterState:
    """A district's roster as stored, keyed by OneRoster sourcedId."""

    district_id: str
    schools: Mapping[str, School]
    teachers: Mapping[str, Teacher]


def teacher_event(change: TeacherChange) -> Event | None:
    """The event for a roster change; None for a change that only touches names."""
    teacher = change.after
    ids = {"teacher_id": teacher.id, "district_id": teacher.district_id}
    if change.kind == ChangeKind.ROSTERED:
        return "teacher.rostered", {**ids, "school_ids": sorted(change.schools_after)}
    if change.kind == ChangeKind.MOVED:
        return "teacher.moved", {
            **ids,
            "from_school_ids": sorted(change.schools_before),
            "to_school_ids": sorted(change.schools_after),
        }
    if change.kind == ChangeKind.REMOVED:
        return "teacher.removed", ids
    return None


def teacher_counts(
    schools: Mapping[str, School], counts: Mapping[str, int], region_id: str | None, at: datetime
) -> list[Event]:
    return [
        (
            "school.teacher_count",
            {
                "school_id": school_id,
                "district_id": schools[school_id].district_id,
                "region_id": region_id,
                "teacher_count": count,
                "as_of": at.isoformat(),
            },
        )
        for school_id, count in sorted(counts.items())
    ]


def plan_import(
    parsed: ParsedRoster, state: RosterState, *, now: datetime, new_id: Callable[[], str]
) -> RosterPlan:
    plan = RosterPlan(errors=list(parsed.errors))
    schools = dict(state.schools)
    for row in parsed.schools:
        schools[row.source_id] = _plan_school(plan, row, state, now, new_id)
    for teacher_row in parsed.teachers:
        _plan_teacher(plan, teacher_row, state, schools, now, new_id)
    plan.errors.sort(key=lambda e: (e.file != ORGS, e.line))
    return plan


def _plan_school(
    plan: RosterPlan, row: SchoolRow, state: RosterState, now: datetime, new_id: Callable[[], str]
) -> School:
    existing = state.schools.get(row.source_id)
    if existing is None:
        school = School(new_id(), state.district_id, row.name, row.source_id, now, now)
        plan.new_schools.append(school)
        return school
    if existing.name == row.name:
        plan.unchanged_schools += 1
        return existing
    renamed = replace(existing, name=row.name, updated_at=now)
    plan.renamed_schools.append(renamed)
    return renamed


def _plan_teacher(
    plan: RosterPlan,
    row: TeacherRow,
    state: RosterState,
    schools: Mapping[str, School],
    now: datetime,
    new_id: Callable[[], str],
) -> None:
    unknown = [org for org in row.org_source_ids if org not in schools]
    if unknown and not row.to_be_deleted:
        plan.errors.append(
            RowError(
                USERS,
                row.line,
                row.source_id,
                "orgSourcedIds",
                f"unknown school {unknown[0]}: not a school in orgs.csv nor on the roster",
            )
        )
        return
    change = _teacher_change(row, state, schools, now, new_id)
    if change is None or change.kind == ChangeKind.UNCHANGED:
        plan.unchanged_teachers += 1
    else:
        plan.teacher_changes.append(change)


def _teacher_change(
    row: TeacherRow,
    state: RosterState,
    schools: Mapping[str, School],
    now: datetime,
    new_id: Callable[[], str],
) -> TeacherChange | None:
    before = state.teachers.get(row.source_id)
    if row.to_be_deleted:
        return None if before is None else TeacherChange(before, removed(before, now))
    after = Teacher(
        id=before.id if before else new_id(),
        district_id=state.district_id,
        source_id=row.source_id,
        given_name=row.given_name,
        family_name=row.family_name,
        email=row.email,
        school_ids=frozenset(schools[org].id for org in row.org_source_ids),
        removed_at=None,
        created_at=before.created_at if before else now,
        updated_at=now,
    )
    change = TeacherChange(before, after)
    if before is not None and change.kind == ChangeKind.UNCHANGED:
        return TeacherChange(before, before)  # keep updated_at: nothing changed
    return change
