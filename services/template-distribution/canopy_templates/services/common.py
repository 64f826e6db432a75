"""Helpers shared by the use cases: loading a template with the caller's relation to it, and
the envelope every `templates.events.v1` message is built in.

All messages are keyed by the template's owner, so one owner's publishes, assignments,
revocations and retirements reach consumers in the order they happened.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from canopy_shared.contracts import Envelope
from canopy_shared.contracts.vocabulary import Tier
from canopy_shared.errors import Missing
from canopy_templates import SERVICE_NAME
from canopy_templates.adapters.db import Template
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.domain.access import TemplateAccess
from canopy_templates.domain.actors import Actor, OrgRef


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


def owner_ref(template: Template) -> OrgRef:
    return OrgRef(Tier(template.owner_type), template.owner_id)


def access_of(uow: UnitOfWork, actor: Actor, template: Template) -> TemplateAccess:
    """The template as the access rules see it, including whether it was pushed to the
    caller's organisation (and locked)."""
    receipt = uow.assignments.receipt_of(template.template_id, actor.org.id)
    return TemplateAccess(
        template_id=template.template_id,
        owner=owner_ref(template),
        owner_district_id=template.owner_district_id,
        received_locked=None if receipt is None else receipt.locked,
    )


def owner_region_id(uow: UnitOfWork, template: Template) -> str | None:
    """The region the owner is connected to now (a region owns its own templates)."""
    if template.owner_type == Tier.REGION:
        return template.owner_id
    district_id = template.owner_id if template.owner_type == Tier.DISTRICT else None
    district = uow.orgs.district(district_id or template.owner_district_id or "")
    return district.region_id if district else None


def derived_from(template: Template) -> dict[str, str] | None:
    if template.derived_from_template_id is None or template.derived_from_version_id is None:
        return None
    return {
        "template_id": template.derived_from_template_id,
        "version_id": template.derived_from_version_id,
    }


def owner_of(template: Template) -> dict[str, str]:
    return {"owner_type": template.owner_type, "owner_id": template.owner_id}


def event(event_type: str, at: datetime, payload: dict[str, Any]) -> Envelope:
    return Envelope(
        type=event_type, producer=SERVICE_NAME, payload=payload, occurred_at=at.isoformat()
    )
