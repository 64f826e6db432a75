"""The organisation read model, kept from `tenancy.events.v1`, and what follows from it.

Each use case applies one tenancy event once (its event id is recorded in the same
transaction) and then re-runs the pushes the change touches: a district connecting receives the
region's current pushes, one leaving loses them (its own templates and forks stay its own), a
new school receives what all its district's schools receive.
"""

from __future__ import annotations

from canopy_templates.db import District, ObserverSchool, Region, School
from canopy_templates.domain.actors import DISTRICT, REGION
from canopy_templates.services import distribution
from canopy_templates.uow import UnitOfWork


def record_region(*, uow: UnitOfWork, event_id: str, region_id: str, name: str) -> None:
    with uow:
        if uow.first_delivery(event_id):
            region = uow.orgs.region(region_id)
            if region is None:
                uow.orgs.add(Region(region_id=region_id, name=name))
            else:
                region.name = name
        uow.commit()


def record_district(
    *, uow: UnitOfWork, event_id: str, district_id: str, name: str, region_id: str | None
) -> None:
    """district.created / district.updated: name, and the region it is connected to now."""
    with uow:
        if uow.first_delivery(event_id):
            district = _district(uow, district_id)
            district.name = name
            _connect(uow, district, region_id)
        uow.commit()


def district_connected(*, uow: UnitOfWork, event_id: str, district_id: str, region_id: str) -> None:
    with uow:
        if uow.first_delivery(event_id):
            _connect(uow, _district(uow, district_id), region_id)
        uow.commit()


def district_disconnected(
    *, uow: UnitOfWork, event_id: str, district_id: str, region_id: str
) -> None:
    with uow:
        district = uow.orgs.district(district_id)
        # A stale disconnect (the district already moved to another region) changes nothing.
        if uow.first_delivery(event_id) and district and district.region_id == region_id:
            _connect(uow, district, None)
        uow.commit()


def record_school(
    *,
    uow: UnitOfWork,
    event_id: str,
    school_id: str,
    district_id: str,
    region_id: str | None,
    name: str,
) -> None:
    """school.created / school.updated; a new (or moved) school gets its scope's pushes."""
    with uow:
        if uow.first_delivery(event_id):
            district = uow.orgs.district(district_id)
            if district is None:  # its district's own event is still to come: same partition
                district = _district(uow, district_id)
                _connect(uow, district, region_id)
            school = uow.orgs.school(school_id)
            moved_from = (
                school.district_id if school and school.district_id != district_id else None
            )
            if school is None:
                school = School(school_id=school_id, district_id=district_id, name=name)
                uow.orgs.add(school)
            school.district_id, school.name = district_id, name
            _rerun_pushes_reaching(uow, [district_id, moved_from or ""], district.region_id)
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
    district = uow.orgs.district(district_id)
    if district is None:
        district = District(district_id=district_id, name=None, region_id=None)
        uow.orgs.add(district)
    return district


def _connect(uow: UnitOfWork, district: District, region_id: str | None) -> None:
    """Set the district's region connection and re-run the pushes of the regions it left and
    joined (a no-op when unchanged)."""
    before = district.region_id
    if before == region_id:
        return
    district.region_id = region_id
    regions = [r for r in (before, region_id) if r]
    distribution.reconcile_assigners(
        uow, REGION, regions, reason=distribution.DISTRICT_DISCONNECTED
    )


def _rerun_pushes_reaching(uow: UnitOfWork, district_ids: list[str], region_id: str | None) -> None:
    ids = [d for d in district_ids if d]
    distribution.reconcile_assigners(uow, DISTRICT, ids, reason=distribution.SCHOOL_MOVED)
    regions = {region_id} | {d.region_id for i in ids if (d := uow.orgs.district(i))}
    distribution.reconcile_assigners(
        uow, REGION, [r for r in regions if r], reason=distribution.SCHOOL_MOVED
    )
