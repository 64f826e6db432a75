"""What every endpoint needs: the caller as a domain `Actor`, and units of work from the app's
`Dependencies`. Domain refusals (`canopy_shared.errors`) become JSON errors in the shared error
handler."""

from __future__ import annotations

from collections.abc import Callable

from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.bootstrap import Dependencies
from canopy_intake.domain.actors import Actor
from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.web.auth import current_principal
from canopy_shared.web.dependencies import current_dependencies


def actor() -> Actor:
    """Only roles the endpoint allowed get here (`require_roles`): all are the vocabulary's."""
    principal = current_principal()
    return Actor(
        subject=principal.subject,
        role=Role(principal.role),
        org_tier=Tier(principal.org_tier),
        org_id=principal.org_id,
        district_id=principal.district_id,
        teacher_id=principal.teacher_id,
    )


def unit_of_work_factory() -> Callable[[], UnitOfWork]:
    """For a use case that opens several transactions (a device's batch)."""
    return current_dependencies(Dependencies).unit_of_work


def uow() -> UnitOfWork:
    return unit_of_work_factory()()
