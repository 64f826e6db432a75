"""Organisations: regions, districts and schools, created, renamed and listed within the
caller's branch of the hierarchy. Every change is announced on tenancy.events.v1."""

from __future__ import annotations

from dataclasses import replace

from canopy_shared.contracts.vocabulary import Tier
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import can_manage_org, require
from canopy_tenancy.domain.orgs import (
    District,
    Place,
    Region,
    School,
    district_event,
    region_event,
    school_event,
)
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.services.scope import (
    Clock,
    PrincipalLike,
    district_place,
    load_actor,
    new_id,
    visible_district,
    visible_region,
    visible_school,
)

NOT_YOURS = "only this organisation's admin may change it"


def create_region(*, uow: UnitOfWork, clock: Clock, name: str) -> Region:
    """Operator only (the bootstrap command): regions sign contracts, not web forms."""
    now = clock()
    region = Region(new_id(), name, now, now)
    with uow:
        uow.orgs.save(region)
        uow.announce(*region_event("created", region))
        uow.commit()
    return region


def create_district(*, uow: UnitOfWork, clock: Clock, name: str) -> District:
    """Operator only: a district starts as a standalone District Plan customer."""
    now = clock()
    district = District(new_id(), name, None, now, now)
    with uow:
        uow.orgs.save(district)
        uow.announce(*district_event("created", district))
        uow.commit()
    return district


def get_region(*, uow: UnitOfWork, principal: PrincipalLike, region_id: str) -> Region:
    with uow:
        return visible_region(uow, load_actor(uow, principal), region_id)


def rename_region(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, region_id: str, name: str
) -> Region:
    with uow:
        actor = load_actor(uow, principal)
        region = visible_region(uow, actor, region_id)
        require(can_manage_org(actor, Place(region.id)), NOT_YOURS)
        region = replace(region, name=name, updated_at=clock())
        uow.orgs.save(region)
        uow.announce(*region_event("updated", region))
        uow.commit()
    return region


def get_district(*, uow: UnitOfWork, principal: PrincipalLike, district_id: str) -> District:
    with uow:
        return visible_district(uow, load_actor(uow, principal), district_id)


def rename_district(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, district_id: str, name: str
) -> District:
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(can_manage_org(actor, district_place(district)), NOT_YOURS)
        district = replace(district, name=name, updated_at=clock())
        uow.orgs.save(district)
        uow.announce(*district_event("updated", district))
        uow.commit()
    return district


def list_districts(
    *, uow: UnitOfWork, principal: PrincipalLike, page: PageRequest, region_id: str | None = None
) -> Page[District]:
    """A region's users see the districts connected to it now; district and school staff see
    their own district."""
    with uow:
        actor = load_actor(uow, principal)
        if actor.tier == Tier.REGION:
            if region_id not in (None, actor.org_id):
                return Page([], 0, page.limit, page.offset)
            return uow.orgs.districts(page, region_id=actor.org_id)
        own = uow.orgs.districts(page, district_id=actor.district_id or "")
        if region_id is not None and any(d.region_id != region_id for d in own.items):
            return Page([], 0, page.limit, page.offset)
        return own


def list_schools(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    page: PageRequest,
    district_id: str | None = None,
) -> Page[School]:
    with uow:
        actor = load_actor(uow, principal)
        if actor.tier == Tier.REGION:
            return uow.orgs.schools(page, region_id=actor.org_id, district_id=district_id)
        if district_id not in (None, actor.district_id):
            return Page([], 0, page.limit, page.offset)
        if actor.tier == Tier.DISTRICT:
            return uow.orgs.schools(page, district_id=actor.district_id)
        return uow.orgs.schools(page, school_ids=actor.school_ids)


def create_school(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, district_id: str, name: str
) -> School:
    now = clock()
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(
            can_manage_org(actor, district_place(district)), "only the district admin adds schools"
        )
        school = School(new_id(), district.id, name, None, now, now)
        uow.orgs.save(school)
        uow.announce(*school_event("created", school, district.region_id))
        uow.commit()
    return school


def get_school(*, uow: UnitOfWork, principal: PrincipalLike, school_id: str) -> School:
    with uow:
        return visible_school(uow, load_actor(uow, principal), school_id)[0]


def rename_school(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, school_id: str, name: str
) -> School:
    with uow:
        actor = load_actor(uow, principal)
        school, place = visible_school(uow, actor, school_id)
        require(can_manage_org(actor, place), "only the district admin renames schools")
        school = replace(school, name=name, updated_at=clock())
        uow.orgs.save(school)
        uow.announce(*school_event("updated", school, place.region_id))
        uow.commit()
    return school
