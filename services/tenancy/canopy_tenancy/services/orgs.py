"""Organisations: regions, districts and schools, created, renamed and listed within the
caller's branch of the hierarchy. Every change is announced on tenancy.events.v1."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal, NotRequired, TypedDict

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_tenancy.adapters.passwords import Passwords
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import can_manage_org, require
from canopy_tenancy.domain.orgs import (
    District,
    Place,
    Region,
    School,
    district_event,
    district_place,
    region_event,
    school_event,
)
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.services.scope import (
    Clock,
    PrincipalLike,
    load_actor,
    new_id,
    visible_district,
    visible_region,
    visible_school,
)
from canopy_tenancy.services.users import NewAccount, create_user

NOT_YOURS = "only this organisation's admin may change it"
ContractTier = Literal["region", "district"]  # who signs a contract: never a school on its own
ADMIN_ROLES: dict[ContractTier, Role] = {
    "region": Role.REGION_ADMIN,
    "district": Role.DISTRICT_ADMIN,
}


class OrganisationOpened(TypedDict):
    """What the operator's bootstrap command prints."""

    tier: ContractTier
    org_id: str
    user_id: str
    created: bool  # False: the admin email existed, nothing was changed
    email: NotRequired[str]
    password: NotRequired[str]  # only when generated: shown this once


def open_organisation(
    *,
    unit_of_work: Callable[[], UnitOfWork],
    passwords: Passwords,
    clock: Clock,
    tier: ContractTier,
    name: str,
    admin_email: str,
    admin_name: str,
    admin_password: str | None,
) -> OrganisationOpened:
    """Operator only: create a region or a district with its first admin (organisations sign
    contracts, not web forms). Running it again for an existing admin email changes nothing
    and answers the existing ids, so a restarted launcher can call it safely."""
    with unit_of_work() as uow:
        existing = uow.users.by_email(admin_email)
    if existing is not None:
        user = existing[0]
        return {"tier": tier, "org_id": user.org_id, "user_id": user.id, "created": False}
    if tier == "region":
        org_id = create_region(uow=unit_of_work(), clock=clock, name=name).id
    else:
        org_id = create_district(uow=unit_of_work(), clock=clock, name=name).id
    account = NewAccount(
        email=admin_email,
        display_name=admin_name,
        role=ADMIN_ROLES[tier],
        org_id=org_id,
        password=admin_password,
    )
    created = create_user(
        uow=unit_of_work(), principal=None, passwords=passwords, clock=clock, account=account
    )
    opened: OrganisationOpened = {
        "tier": tier,
        "org_id": org_id,
        "user_id": created.user.id,
        "created": True,
        "email": created.user.email,
    }
    if created.generated_password:
        opened["password"] = created.generated_password
    return opened


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
        if actor.is_(Role.REGION_COACH):  # a coach's schools: where districts assigned them
            return uow.orgs.schools(
                page, region_id=actor.org_id, district_id=district_id, school_ids=actor.school_ids
            )
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
