"""What callers may read: an organisation's templates, one template, a version's content, and
what a school's observers (or a district) may use now."""

from __future__ import annotations

from typing import Any

from canopy_shared.errors import Missing, NotAllowed
from canopy_templates.domain.access import check_may_read, check_may_read_org, may_read_owned
from canopy_templates.domain.actors import DISTRICT, OBSERVER, SCHOOL, TIERS, Actor, OrgRef
from canopy_templates.services.common import access_of, find_template
from canopy_templates.services.views import received_view, template_view, version_view
from canopy_templates.uow import UnitOfWork

_TIER_ORDER = {tier: i for i, tier in enumerate(TIERS)}


def list_templates(
    *, uow: UnitOfWork, actor: Actor, owner: OrgRef | None = None
) -> list[dict[str, Any]]:
    """An organisation's own templates (the caller's by default), drafts included."""
    owner = owner or actor.org
    with uow:
        school = uow.orgs.school(owner.id) if owner.type == SCHOOL else None
        check_may_read_org(actor, owner, school.district_id if school else None)
        views = []
        for template in uow.templates.owned_by(owner.type, owner.id):
            versions = uow.templates.versions(template.template_id)
            assignment = uow.assignments.for_template(template.template_id)
            views.append(template_view(template, versions, assignment, with_draft=True))
        return views


def get_template(*, uow: UnitOfWork, actor: Actor, template_id: str) -> dict[str, Any]:
    """A template with its versions; the draft only for the owner's people."""
    with uow:
        template = find_template(uow, template_id)
        access = access_of(uow, actor, template)
        check_may_read(actor, access)
        owner_side = may_read_owned(actor, access.owner, access.owner_district_id)
        versions = uow.templates.versions(template_id)
        assignment = uow.assignments.for_template(template_id) if owner_side else None
        return template_view(template, versions, assignment, with_draft=owner_side)


def get_version(
    *, uow: UnitOfWork, actor: Actor, template_id: str, version_number: int
) -> dict[str, Any]:
    with uow:
        template = find_template(uow, template_id)
        check_may_read(actor, access_of(uow, actor, template))
        version = uow.templates.version(template_id, version_number)
        if version is None:
            raise Missing(
                f"template {template_id} has no published version {version_number}",
                field="version_number",
                rule="exists",
            )
        return version_view(template, version)


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
        if not actor.belongs_to(OrgRef(DISTRICT, district_id)):
            raise NotAllowed(
                f"you may see only your own district's templates, not {district_id}",
                field="district_id",
                rule="own_organisation",
            )
        return _received(uow, district_id)


def _check_may_see_school(uow: UnitOfWork, actor: Actor, school_id: str) -> None:
    if actor.belongs_to(OrgRef(SCHOOL, school_id)):
        return
    if actor.role == OBSERVER and uow.orgs.observes(actor.subject, school_id):
        return
    school = uow.orgs.school(school_id)
    if actor.tier == DISTRICT and school is not None and actor.org.id == school.district_id:
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
