"""Observer assignments: which schools of their district a coach or AP may run walkthroughs at
(their own school always, others as the district admin or the school's principal decides)."""

from __future__ import annotations

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.errors import Invalid
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import can_assign_observers, can_view_observers, require
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.users import ObserverAssignment, observer_event
from canopy_tenancy.services_common import Clock, PrincipalLike, load_actor, visible_school


def list_observers(
    *, uow: UnitOfWork, principal: PrincipalLike, school_id: str, page: PageRequest
) -> Page[ObserverAssignment]:
    with uow:
        actor = load_actor(uow, principal)
        _, place = visible_school(uow, actor, school_id)
        require(can_view_observers(actor, place), "district staff and the principal see observers")
        return uow.observers.at_school(school_id, page)


def assign_observer(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, school_id: str, user_id: str
) -> ObserverAssignment:
    """Idempotent: assigning twice changes nothing and announces nothing twice."""
    with uow:
        actor = load_actor(uow, principal)
        school, place = visible_school(uow, actor, school_id)
        require(can_assign_observers(actor, place), "the district admin or principal assigns")
        observer = uow.users.get(user_id)
        if observer is None or observer.role != Role.OBSERVER:
            raise Invalid("no observer with this id", field="user_id", rule="an observer")
        if observer.district_id != school.district_id:
            raise Invalid(
                "observers work within their own district",
                field="user_id",
                rule="an observer of this school's district",
            )
        existing = uow.observers.get(user_id, school_id)
        if existing is not None:
            return existing
        assignment = ObserverAssignment(
            user_id, school_id, school.district_id, actor.user_id, clock()
        )
        uow.observers.add(assignment)
        uow.announce(*observer_event("assigned", assignment))
        uow.commit()
    return assignment


def unassign_observer(
    *, uow: UnitOfWork, principal: PrincipalLike, school_id: str, user_id: str
) -> None:
    with uow:
        actor = load_actor(uow, principal)
        _, place = visible_school(uow, actor, school_id)
        require(can_assign_observers(actor, place), "the district admin or principal unassigns")
        existing = uow.observers.get(user_id, school_id)
        if existing is None:
            return
        observer = uow.users.get(user_id)
        if observer is not None and observer.org_id == school_id:
            raise Invalid(
                "an observer always works at their own school; move or deactivate the account",
                field="user_id",
                rule="not the observer's own school",
            )
        uow.observers.remove(user_id, school_id)
        uow.announce(*observer_event("unassigned", existing))
        uow.commit()
