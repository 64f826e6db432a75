"""Who may see and change what: role *and* tenant scope, decided on the hierarchy as it is now.

Every rule takes the acting user (`Actor`, built from the database, not from the token's
claims, so a disconnection or a deactivation takes effect at once) and the `Place` of the
resource. Region users see organisations of districts connected to their region, never the
roster.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, Role, Tier
from canopy_shared.errors import Missing, NotAllowed
from canopy_tenancy.domain.orgs import Place

ROSTER_READERS = DISTRICT_ROLES | {Role.SCHOOL_ADMIN, Role.OBSERVER, Role.REGION_COACH}


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: Role
    org_id: str
    region_id: str | None  # the region now: own org for region users, else the district's link
    district_id: str | None = None
    # own + observer assignments; a region coach's: the schools districts assigned them to
    school_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def tier(self) -> Tier:
        return self.role.tier

    def is_(self, *roles: Role) -> bool:
        return self.role in roles


def can_see(actor: Actor, place: Place) -> bool:
    """Organisation records (names, ids, counts): the caller's own branch of the tree, plus
    the region above for connected districts' staff."""
    if actor.tier == Tier.REGION:
        return place.region_id == actor.org_id
    if place.tier == Tier.REGION:
        return actor.region_id is not None and place.region_id == actor.region_id
    if actor.tier == Tier.DISTRICT or place.tier == Tier.DISTRICT:
        return place.district_id == actor.district_id
    return place.school_id in actor.school_ids


def can_read_roster(actor: Actor, place: Place) -> bool:
    """Teacher names, emails and ids: district staff for their district, school admins and
    observers for their schools, a region coach for the schools a district assigned them to
    (they observe there; the district chose to let them). Never the other region roles,
    never another district."""
    if actor.is_(Role.REGION_COACH):
        return place.school_id is not None and place.school_id in actor.school_ids
    if actor.role not in ROSTER_READERS or place.district_id != actor.district_id:
        return False
    if actor.tier == Tier.DISTRICT:
        return True
    return place.school_id is not None and place.school_id in actor.school_ids


def can_list_roster(actor: Actor, place: Place) -> bool:
    """A roster listing: school staff without a school filter read their own schools, a
    region coach their assigned schools of that district (`roster_schools`)."""
    if place.school_id is None and actor.is_(Role.REGION_COACH):
        return bool(actor.school_ids)
    if place.school_id is None and actor.tier == Tier.SCHOOL:
        return can_read_roster(actor, Place(place.region_id, place.district_id, actor.org_id))
    return can_read_roster(actor, place)


def roster_schools(actor: Actor) -> list[str] | None:
    """The schools a roster listing is limited to; None: the whole district."""
    if actor.tier == Tier.SCHOOL or actor.is_(Role.REGION_COACH):
        return sorted(actor.school_ids)
    return None


def can_read_teacher(actor: Actor, district: Place, school_ids: frozenset[str]) -> bool:
    """One teacher: district staff of their district, school staff of one of their schools."""
    if actor.tier == Tier.DISTRICT:
        return can_read_roster(actor, district)
    return any(
        can_read_roster(actor, Place(district.region_id, district.district_id, school_id))
        for school_id in school_ids
    )


def can_manage_roster(actor: Actor, place: Place) -> bool:
    return actor.is_(Role.DISTRICT_ADMIN) and place.district_id == actor.district_id


def can_manage_org(actor: Actor, place: Place) -> bool:
    """Rename a region (its admin), a district or its schools (the district admin)."""
    if place.tier == Tier.REGION:
        return actor.is_(Role.REGION_ADMIN) and place.region_id == actor.org_id
    return actor.is_(Role.DISTRICT_ADMIN) and place.district_id == actor.district_id


def can_manage_user(actor: Actor, place: Place, role: Role) -> bool:
    """Admins manage accounts inside their own organisation only: a region admin the region's
    users, a district admin the district's and its schools' staff, a principal the school's
    observers."""
    if actor.is_(Role.REGION_ADMIN):
        return (
            place.tier == Tier.REGION
            and place.region_id == actor.org_id
            and role.tier == Tier.REGION
        )
    if actor.is_(Role.DISTRICT_ADMIN):
        return place.district_id == actor.district_id and role.tier == place.tier
    if actor.is_(Role.SCHOOL_ADMIN):
        return place.school_id == actor.org_id and role == Role.OBSERVER
    return False


def can_assign_observers(actor: Actor, place: Place) -> bool:
    if actor.is_(Role.DISTRICT_ADMIN):
        return place.district_id == actor.district_id
    return actor.is_(Role.SCHOOL_ADMIN) and place.school_id == actor.org_id


def can_view_observers(actor: Actor, place: Place) -> bool:
    if actor.tier == Tier.DISTRICT:
        return place.district_id == actor.district_id
    return actor.is_(Role.SCHOOL_ADMIN) and place.school_id == actor.org_id


def can_view_connections(actor: Actor, *, region_id: str, district_id: str) -> bool:
    """A region's admin and leader, a district's staff; a region coach has no part in them."""
    if actor.tier == Tier.REGION:
        return region_id == actor.org_id and not actor.is_(Role.REGION_COACH)
    return actor.tier == Tier.DISTRICT and district_id == actor.org_id


# --- the three answers every use case gives: not yours, not allowed, fine ---


def require_visible(actor: Actor, place: Place, what: str) -> None:
    if not can_see(actor, place):
        raise Missing(f"no {what} with this id is visible to you")


def require(allowed: bool, message: str, *, rule: str | None = None) -> None:
    if not allowed:
        raise NotAllowed(message, rule=rule)
