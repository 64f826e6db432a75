"""The scope every use case works in: the clock and new ids, the acting user as the database
knows them now, the place of an organisation in the hierarchy, and lookups that answer "not
found" outside the caller's scope."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import Missing
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import Actor, require_visible
from canopy_tenancy.domain.auth import SignInFailed
from canopy_tenancy.domain.orgs import District, Place, Region, School, district_place
from canopy_tenancy.domain.users import User

Clock = Callable[[], datetime]


class PrincipalLike(Protocol):
    """The verified token's subject and claims (canopy_shared.web.auth.Principal)."""

    @property
    def subject(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def org_id(self) -> str: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def load_actor(uow: UnitOfWork, principal: PrincipalLike) -> Actor:
    """The caller as stored now: a deactivated account, a changed role or organisation ends
    every token issued before (tenancy never trusts a token's scope claims for its own data)."""
    user = uow.users.get(principal.subject)
    if (
        user is None
        or not user.active
        or user.role != principal.role
        or user.org_id != principal.org_id
    ):
        raise SignInFailed("this account changed since the token was issued; sign in again")
    return Actor(
        user_id=user.id,
        role=user.role,
        org_id=user.org_id,
        region_id=region_of(uow, user),
        district_id=user.district_id,
        school_ids=_schools_of(uow, user),
    )


def region_of(uow: UnitOfWork, user: User) -> str | None:
    if user.org_tier == Tier.REGION:
        return user.org_id
    district = uow.orgs.district(user.district_id or "")
    return district.region_id if district else None


def _schools_of(uow: UnitOfWork, user: User) -> frozenset[str]:
    if user.role == Role.REGION_COACH:
        return frozenset(a.school_id for a in uow.observers.of_user(user.id))
    if user.org_tier != Tier.SCHOOL:
        return frozenset()
    if user.role != Role.OBSERVER:
        return frozenset({user.org_id})
    return frozenset({user.org_id} | {a.school_id for a in uow.observers.of_user(user.id)})


def school_place(uow: UnitOfWork, school: School) -> Place:
    district = uow.orgs.district(school.district_id)
    assert district is not None, "a school always has its district"
    return Place(district.region_id, district.id, school.id)


def place_of_org(uow: UnitOfWork, org_id: str) -> Place | None:
    """The place of a region, district or school by id; None when there is no such org."""
    if region := uow.orgs.region(org_id):
        return Place(region.id)
    if district := uow.orgs.district(org_id):
        return district_place(district)
    if school := uow.orgs.school(org_id):
        return school_place(uow, school)
    return None


def visible_region(uow: UnitOfWork, actor: Actor, region_id: str) -> Region:
    region = uow.orgs.region(region_id)
    if region is None:
        raise Missing("no region with this id is visible to you", field="region_id")
    require_visible(actor, Place(region.id), "region")
    return region


def visible_district(uow: UnitOfWork, actor: Actor, district_id: str) -> District:
    district = uow.orgs.district(district_id)
    if district is None:
        raise Missing("no district with this id is visible to you", field="district_id")
    require_visible(actor, district_place(district), "district")
    return district


def visible_school(uow: UnitOfWork, actor: Actor, school_id: str) -> tuple[School, Place]:
    school = uow.orgs.school(school_id)
    if school is None:
        raise Missing("no school with this id is visible to you", field="school_id")
    place = school_place(uow, school)
    require_visible(actor, place, "school")
    return school, place
