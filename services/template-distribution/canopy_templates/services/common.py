"""Helpers shared by the use cases: loading a template with the caller's relation to it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from canopy_shared.errors import Missing
from canopy_templates.db import Template
from canopy_templates.domain.access import TemplateAccess
from canopy_templates.domain.actors import DISTRICT, REGION, Actor, OrgRef
from canopy_templates.uow import UnitOfWork


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


def find_template(uow: UnitOfWork, template_id: str, *, lock: bool = False) -> Template:
    template = uow.templates.get(template_id, lock=lock)
    if template is None:
        raise Missing(
            f"no template {template_id} visible to you", field="template_id", rule="exists"
        )
    return template


def access_of(uow: UnitOfWork, actor: Actor, template: Template) -> TemplateAccess:
    """The template as the access rules see it, including whether it was pushed to the
    caller's organisation (and locked)."""
    receipt = uow.assignments.receipt_of(template.template_id, actor.org.id)
    return TemplateAccess(
        template_id=template.template_id,
        owner=OrgRef(template.owner_type, template.owner_id),
        owner_district_id=template.owner_district_id,
        received_locked=None if receipt is None else receipt.locked,
    )


def owner_region_id(uow: UnitOfWork, template: Template) -> str | None:
    """The region the owner is connected to now (a region owns its own templates)."""
    if template.owner_type == REGION:
        return template.owner_id
    district_id = template.owner_id if template.owner_type == DISTRICT else None
    district = uow.orgs.district(district_id or template.owner_district_id or "")
    return district.region_id if district else None
