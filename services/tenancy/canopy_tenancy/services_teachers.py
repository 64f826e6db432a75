"""Manual roster edits by the district admin, for districts without a OneRoster export and for
fixes between imports. The same change rules and events as an import (`roster.py`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from canopy_shared.errors import Invalid, Missing
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import can_manage_roster, require
from canopy_tenancy.domain.orgs import District
from canopy_tenancy.domain.roster import Teacher, TeacherChange, removed
from canopy_tenancy.services_common import (
    Clock,
    PrincipalLike,
    district_place,
    load_actor,
    new_id,
    visible_district,
)
from canopy_tenancy.services_roster import apply_teacher_changes

ADMIN_ONLY = "only the district admin edits the roster"


@dataclass(frozen=True)
class TeacherEdit:
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    school_ids: frozenset[str] | None = None


def add_teacher(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, district_id: str, edit: TeacherEdit
) -> Teacher:
    now = clock()
    with uow:
        district = _managed_district(uow, principal, district_id)
        _check_schools(uow, district, edit.school_ids)
        teacher = Teacher(
            id=new_id(),
            district_id=district.id,
            source_id=None,
            given_name=edit.given_name or "",
            family_name=edit.family_name or "",
            email=edit.email,
            school_ids=edit.school_ids or frozenset(),
            removed_at=None,
            created_at=now,
            updated_at=now,
        )
        apply_teacher_changes(uow, [TeacherChange(None, teacher)], district, now)
        uow.commit()
    return teacher


def update_teacher(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, teacher_id: str, edit: TeacherEdit
) -> Teacher:
    now = clock()
    with uow:
        before, district = _managed_teacher(uow, principal, teacher_id)
        if edit.school_ids is not None:
            _check_schools(uow, district, edit.school_ids)
        after = replace(
            before,
            given_name=edit.given_name or before.given_name,
            family_name=edit.family_name or before.family_name,
            email=edit.email if edit.email is not None else before.email,
            school_ids=edit.school_ids if edit.school_ids is not None else before.school_ids,
            removed_at=None,
            updated_at=now,
        )
        apply_teacher_changes(uow, [TeacherChange(before, after)], district, now)
        uow.commit()
    return after


def remove_teacher(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, teacher_id: str
) -> Teacher:
    """The teacher leaves every school; the record stays so past walkthroughs keep their name."""
    now = clock()
    with uow:
        before, district = _managed_teacher(uow, principal, teacher_id)
        after = removed(before, now) if before.removed_at is None else before
        if after is not before:
            apply_teacher_changes(uow, [TeacherChange(before, after)], district, now)
        uow.commit()
    return after


def _managed_district(uow: UnitOfWork, principal: PrincipalLike, district_id: str) -> District:
    actor = load_actor(uow, principal)
    district = visible_district(uow, actor, district_id)
    require(can_manage_roster(actor, district_place(district)), ADMIN_ONLY)
    return district


def _managed_teacher(
    uow: UnitOfWork, principal: PrincipalLike, teacher_id: str
) -> tuple[Teacher, District]:
    teacher = uow.roster.get(teacher_id)
    actor = load_actor(uow, principal)
    if teacher is None or teacher.district_id != actor.district_id:
        raise Missing("no teacher with this id is visible to you")
    return teacher, _managed_district(uow, principal, teacher.district_id)


def _check_schools(uow: UnitOfWork, district: District, school_ids: frozenset[str] | None) -> None:
    if not school_ids:
        raise Invalid("a teacher belongs to at least one school", field="school_ids")
    for school_id in sorted(school_ids):
        school = uow.orgs.school(school_id)
        if school is None or school.district_id != district.id:
            raise Invalid(
                f"school {school_id} is not a school of this district",
                field="school_ids",
                rule="schools of the teacher's district",
            )
