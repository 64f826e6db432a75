"""Region coaches as a district sees them: the coaches of the region it is connected to, with
the district's schools each one may observe at. Assigning and revoking go through the observer
assignments (`services.users`), whose `observer.assigned` / `observer.unassigned` events tell
intake and template distribution; revoking also ends the coach's earlier tokens everywhere.
A district that leaves its region ends every coach assignment it had given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from canopy_shared.contracts.vocabulary import Role
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import can_view_observers, require
from canopy_tenancy.domain.orgs import district_place
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.users import observer_event
from canopy_tenancy.services.scope import PrincipalLike, load_actor, visible_district
from canopy_tenancy.services.users import revoke_access


@dataclass(frozen=True)
class RegionCoach:
    user_id: str
    display_name: str
    email: str
    active: bool
    school_ids: list[str]  # the district's schools the coach is assigned to


def list_region_coaches(
    *, uow: UnitOfWork, principal: PrincipalLike, district_id: str, page: PageRequest
) -> Page[RegionCoach]:
    """The connected region's coaches (none for a standalone district), for its staff."""
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(
            can_view_observers(actor, district_place(district)),
            "district staff see the region coaches",
        )
        if district.region_id is None:
            return Page([], 0, page.limit, page.offset)
        coaches = uow.users.page(page, org_ids=[district.region_id], roles=[Role.REGION_COACH])
        schools: dict[str, list[str]] = {}
        for assignment in uow.observers.in_district(district.id, [c.id for c in coaches.items]):
            schools.setdefault(assignment.user_id, []).append(assignment.school_id)
        items = [
            RegionCoach(c.id, c.display_name, c.email, c.active, schools.get(c.id, []))
            for c in coaches.items
        ]
        return Page(items, coaches.total, coaches.limit, coaches.offset)


def end_coach_assignments(uow: UnitOfWork, district_id: str, at: datetime) -> None:
    """The district left its region: its coaches lose the district's schools (in the
    disconnection's own transaction), and their earlier tokens end."""
    ended: set[str] = set()
    for assignment in uow.observers.of_role_in_district(district_id, Role.REGION_COACH):
        uow.observers.remove(assignment.user_id, assignment.school_id)
        uow.announce(*observer_event("unassigned", assignment))
        ended.add(assignment.user_id)
    for coach_id in sorted(ended):
        coach = uow.users.get(coach_id)
        assert coach is not None, "an assignment's user exists"
        revoke_access(uow, coach, "schools_changed", at)
