"""What every endpoint needs: the caller as a domain `Actor`, and a unit of work from the
app's `Dependencies`. Domain refusals (`canopy_shared.errors`) become JSON errors in the shared
error handler."""

from __future__ import annotations

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.web.auth import current_principal
from canopy_shared.web.dependencies import current_dependencies
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.bootstrap import Dependencies
from canopy_templates.domain.actors import Actor, OrgRef


def actor() -> Actor:
    """Only roles the endpoint allowed get here (`require_roles`): all are the vocabulary's."""
    principal = current_principal()
    return Actor(
        subject=principal.subject,
        role=Role(principal.role),
        org=OrgRef(Tier(principal.org_tier), principal.org_id),
        district_id=principal.district_id,
    )


def uow() -> UnitOfWork:
    return current_dependencies(Dependencies).unit_of_work()
