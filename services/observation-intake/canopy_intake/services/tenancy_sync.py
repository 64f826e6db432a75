"""The organisation and roster read models, kept from `tenancy.events.v1`.

Each use case applies one event once: its event id is recorded in the same transaction, so a
redelivered old event can never undo a newer one.
"""

from __future__ import annotations

from collections.abc import Sequence

from canopy_intake.db import District, ObserverSchool, School
from canopy_intake.uow import UnitOfWork


def record_district(
    *, uow: UnitOfWork, event_id: str, district_id: str, name: str, region_id: str | None
) -> None:
    """district.created / district.updated."""
    with uow:
        if uow.first_delivery(event_id):
            district = _district(uow, district_id)
            district.name, district.region_id = name, region_id
        uow.commit()


def district_connected(*, uow: UnitOfWork, event_id: str, district_id: str, region_id: str) -> None:
    with uow:
        if uow.first_delivery(event_id):
            _district(uow, district_id).region_id = region_id
        uow.commit()


def district_disconnected(
    *, uow: UnitOfWork, event_id: str, district_id: str, region_id: str
) -> None:
    with uow:
        district = uow.orgs.district(district_id)
        # A stale disconnect (the district already moved to another region) changes nothing.
        if uow.first_delivery(event_id) and district and district.region_id == region_id:
            district.region_id = None
        uow.commit()


def record_school(
    *, uow: UnitOfWork, event_id: str, school_id: str, district_id: str, name: str
) -> None:
    """school.created / school.updated."""
    with uow:
        if uow.first_delivery(event_id):
            _district(uow, district_id)
            school = uow.orgs.school(school_id)
            if school is None:
                uow.orgs.add(School(school_id=school_id, district_id=district_id, name=name))
            else:
                school.district_id, school.name = district_id, name
        uow.commit()


def teacher_at_schools(
    *, uow: UnitOfWork, event_id: str, teacher_id: str, district_id: str, school_ids: Sequence[str]
) -> None:
    """teacher.rostered (`school_ids`) and teacher.moved (`to_school_ids`, the full new set)."""
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.set_teacher_schools(teacher_id, district_id, school_ids)
        uow.commit()


def teacher_removed(*, uow: UnitOfWork, event_id: str, teacher_id: str, district_id: str) -> None:
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.set_teacher_schools(teacher_id, district_id, ())
        uow.commit()


def observer_assigned(*, uow: UnitOfWork, event_id: str, user_id: str, school_id: str) -> None:
    with uow:
        if uow.first_delivery(event_id) and not uow.orgs.observes(user_id, school_id):
            uow.orgs.add(ObserverSchool(user_id=user_id, school_id=school_id))
        uow.commit()


def observer_unassigned(*, uow: UnitOfWork, event_id: str, user_id: str, school_id: str) -> None:
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.stop_observing(user_id, school_id)
        uow.commit()


def _district(uow: UnitOfWork, district_id: str) -> District:
    """The district, created empty when its school's event arrives first."""
    district = uow.orgs.district(district_id)
    if district is None:
        district = District(district_id=district_id, name=None, region_id=None)
        uow.orgs.add(district)
    return district
