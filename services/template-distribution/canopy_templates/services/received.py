"""What receivers may use now: the template versions a school's observers may use for new
walkthroughs, and what a district's region pushed to it."""

from __future__ import annotations

from typing import Any

from canopy_shared.contracts.vocabulary import ASSIGNABLE_OBSERVERS, Tier
from canopy_shared.errors import NotAllowed
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.domain.actors import Actor, OrgRef
from canopy_templates.services.views import received_view

# Region pushes first, then the district's, then the school's own.
_TIER_ORDER = {tier: i for i, tier in enumerate(Tier)}


def usable_at_school(*, uow: UnitOfWork, actor: Actor, school_id: str) -> list[dict[str, Any]]:
    """The template versions the school's observers may use for new walkthroughs now — pushed
    by the region, by the district, and the school's own — with their full content."""
    with uow:
        _check_may_see_school(uow, actor, school_id)
        return _received(uow, school_id)


def received_by_district(
    *, uow: UnitOfWork, actor: Actor, district_id: str
) -> list[dict[str, Any]]:
    """What the district's region pushed to it (locked or open to fork), with content."""
    with uow:
        if not actor.belongs_to(OrgRef(Tier.DISTRICT, district_id)):
            raise NotAllowed(
                f"you may see only your own district's templates, not {district_id}",
                field="district_id",
                rule="own_organisation",
            )
        return _received(uow, district_id)


def _check_may_see_school(uow: UnitOfWork, actor: Actor, school_id: str) -> None:
    if actor.belongs_to(OrgRef(Tier.SCHOOL, school_id)):
        return
    # An observer or region coach at a school they are assigned to (the capture form needs it).
    if actor.role in ASSIGNABLE_OBSERVERS and uow.orgs.observes(actor.subject, school_id):
        return
    school = uow.orgs.school(school_id)
    if actor.tier == Tier.DISTRICT and school is not None and actor.org.id == school.district_id:
        return
    raise NotAllowed(
        f"you may not see school {school_id}'s templates", field="school_id", rule="own_school"
    )


def _received(uow: UnitOfWork, org_id: str) -> list[dict[str, Any]]:
    views = []
    for receipt, assignment in uow.assignments.received_by(org_id):
        template = uow.templates.get(assignment.template_id)
        version = uow.templates.version_by_id(receipt.version_id)
        if template and version and version.retired_at is None:
            views.append(received_view(template, version, assignment, receipt))
    return sorted(views, key=_usable_order)


def _usable_order(view: dict[str, Any]) -> tuple[int, str, str]:
    return _TIER_ORDER.get(view["owner_type"], 9), view["title"].casefold(), view["template_id"]
