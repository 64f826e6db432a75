"""A district's set-up checklist, read from the district's real state in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, SCHOOL_ROLES, Role
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import require
from canopy_tenancy.domain.orgs import District
from canopy_tenancy.domain.pages import PageRequest
from canopy_tenancy.domain.setup import (
    ChecklistItem,
    DistrictState,
    SetupStep,
    checklist,
    next_step,
)
from canopy_tenancy.services.scope import PrincipalLike, load_actor, visible_district

ONE = PageRequest(limit=1)
# People a district admin sets up besides themself (teachers come with their roster).
STAFF = sorted((DISTRICT_ROLES | SCHOOL_ROLES) - {Role.DISTRICT_ADMIN, Role.TEACHER})


@dataclass(frozen=True)
class Setup:
    district_id: str
    steps: list[ChecklistItem]
    next: SetupStep | None


def district_setup(*, uow: UnitOfWork, principal: PrincipalLike, district_id: str) -> Setup:
    """District staff of this district only (the region tier never reads it)."""
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(actor.role in DISTRICT_ROLES, "district staff see the set-up checklist")
        steps = checklist(_state(uow, district))
    return Setup(district.id, steps, next_step(steps))


def _state(uow: UnitOfWork, district: District) -> DistrictState:
    return DistrictState(
        schools=uow.orgs.schools(ONE, district_id=district.id).total,
        teachers=uow.roster.page(ONE, district_id=district.id).total,
        applied_imports=uow.roster.applied_imports(district.id),
        staff=uow.users.page(ONE, district_id=district.id, roles=STAFF).total,
        schools_with_observer=uow.observers.schools_covered(district.id),
        connection=_connection(uow, district.id),
    )


def _connection(uow: UnitOfWork, district_id: str) -> str:
    if uow.connections.active_for(district_id) is not None:
        return "active"
    return "invited" if uow.connections.open_invitations(district_id) else "none"
