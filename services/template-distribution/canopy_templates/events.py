"""The `templates.events.v1` messages this service announces (via the outbox).

All are keyed by the template's owner, so one owner's publishes, assignments, revocations and
retirements reach consumers in the order they happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from canopy_shared.contracts import Envelope
from canopy_templates import SERVICE_NAME
from canopy_templates.db import Assignment, Template, TemplateVersion
from canopy_templates.domain.receivers import Receiver


def version_published(template: Template, version: TemplateVersion) -> Envelope:
    return _event(
        "template.version_published",
        version.published_at,
        {
            "template_id": template.template_id,
            "version_id": version.version_id,
            "version_number": version.version_number,
            **_owner(template),
            "region_id": version.region_id,
            "title": version.title,
            "description": version.description,
            "derived_from": derived_from(template),
            "sections": version.sections,
            "published_at": version.published_at.isoformat(),
        },
    )


def assigned(
    template: Template,
    assignment: Assignment,
    receivers: Iterable[Receiver],
    *,
    supersedes_version_id: str | None,
    at: datetime,
) -> Envelope:
    return _event(
        "template.assigned",
        at,
        {
            "assignment_id": assignment.assignment_id,
            "template_id": template.template_id,
            "version_id": assignment.version_id,
            **_owner(template),
            "assigned_by_type": assignment.assigned_by_type,
            "assigned_by_id": assignment.assigned_by_id,
            "receivers": [_receiver(r) for r in receivers],
            "locked": assignment.locked,
            "assigned_at": at.isoformat(),
            "supersedes_version_id": supersedes_version_id,
        },
    )


def assignment_revoked(
    template: Template,
    assignment: Assignment,
    receivers: Iterable[Receiver],
    *,
    reason: str,
    at: datetime,
) -> Envelope:
    return _event(
        "template.assignment_revoked",
        at,
        {
            "assignment_id": assignment.assignment_id,
            "template_id": template.template_id,
            **_owner(template),
            "receivers": [_receiver(r) for r in receivers],
            "reason": reason,
            "revoked_at": at.isoformat(),
        },
    )


def retired(template: Template, version: TemplateVersion, *, at: datetime) -> Envelope:
    return _event(
        "template.retired",
        at,
        {
            "template_id": template.template_id,
            "version_id": version.version_id,
            **_owner(template),
            "retired_at": at.isoformat(),
        },
    )


def derived_from(template: Template) -> dict[str, str] | None:
    if template.derived_from_template_id is None or template.derived_from_version_id is None:
        return None
    return {
        "template_id": template.derived_from_template_id,
        "version_id": template.derived_from_version_id,
    }


def _owner(template: Template) -> dict[str, str]:
    return {"owner_type": template.owner_type, "owner_id": template.owner_id}


def _receiver(receiver: Receiver) -> dict[str, str]:
    return {
        "org_type": receiver.org_type,
        "org_id": receiver.org_id,
        "district_id": receiver.district_id,
    }


def _event(event_type: str, at: datetime, payload: dict[str, Any]) -> Envelope:
    return Envelope(
        type=event_type, producer=SERVICE_NAME, payload=payload, occurred_at=at.isoformat()
    )
