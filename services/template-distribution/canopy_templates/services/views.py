"""What use cases return: plain dicts the HTTP schemas dump (built inside the transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from canopy_templates.adapters.db import Assignment, Receipt, Template, TemplateVersion
from canopy_templates.services.common import derived_from

TemplateStatus = Literal["draft", "published", "retired"]


def template_view(
    template: Template,
    versions: Sequence[TemplateVersion],
    assignment: Assignment | None,
    *,
    with_draft: bool,
) -> dict[str, Any]:
    draft = template.draft if with_draft else None
    return {
        "template_id": template.template_id,
        "owner_type": template.owner_type,
        "owner_id": template.owner_id,
        "title": template.title,
        "description": template.description,
        "derived_from": derived_from(template),
        "status": _status(template, versions),
        "draft": None
        if draft is None
        else {**draft, "base_version_id": template.draft_base_version_id},
        "versions": [version_summary(v) for v in versions],
        "assignment": None if assignment is None else assignment_summary(assignment, versions),
        "created_at": template.created_at,
        "updated_at": template.updated_at,
    }


def fork_view(
    fork: Template,
    versions: Sequence[TemplateVersion],
    source: TemplateVersion | None,
    owner_name: str,
) -> dict[str, Any]:
    """One organisation's copy of a template, as its source's owner sees it: no draft content."""
    latest = versions[-1] if versions else None
    return {
        "template_id": fork.template_id,
        "title": fork.title,
        "owner_type": fork.owner_type,
        "owner_id": fork.owner_id,
        "owner_name": owner_name,
        "district_id": fork.owner_district_id,
        "forked_from_version_number": None if source is None else source.version_number,
        "forked_at": fork.created_at,
        "status": _status(fork, versions),
        "latest_version_number": None if latest is None else latest.version_number,
    }


def _status(template: Template, versions: Sequence[TemplateVersion]) -> TemplateStatus:
    if not versions:
        return "draft"
    if all(v.retired_at is not None for v in versions):
        return "retired"
    return "published"


def version_summary(version: TemplateVersion) -> dict[str, Any]:
    return {
        "version_id": version.version_id,
        "version_number": version.version_number,
        "title": version.title,
        "published_at": version.published_at,
        "retired_at": version.retired_at,
    }


def version_view(template: Template, version: TemplateVersion) -> dict[str, Any]:
    return {
        "template_id": template.template_id,
        "version_id": version.version_id,
        "version_number": version.version_number,
        "owner_type": template.owner_type,
        "owner_id": template.owner_id,
        "region_id": version.region_id,
        "title": version.title,
        "description": version.description,
        "derived_from": derived_from(template),
        "sections": version.sections,
        "published_at": version.published_at,
        "retired_at": version.retired_at,
    }


def assignment_summary(
    assignment: Assignment, versions: Sequence[TemplateVersion]
) -> dict[str, Any]:
    numbers = {v.version_id: v.version_number for v in versions}
    return {
        "assignment_id": assignment.assignment_id,
        "version_id": assignment.version_id,
        "version_number": numbers.get(assignment.version_id),
        "locked": assignment.locked,
        "active": assignment.active,
        "assigned_by_type": assignment.assigned_by_type,
        "assigned_by_id": assignment.assigned_by_id,
        "target_ids": assignment.target_ids,
        "updated_at": assignment.updated_at,
    }


def assignment_view(
    assignment: Assignment, versions: Sequence[TemplateVersion], receipts: Sequence[Receipt]
) -> dict[str, Any]:
    return {
        **assignment_summary(assignment, versions),
        "template_id": assignment.template_id,
        "receivers": [
            {
                "org_type": r.org_type,
                "org_id": r.org_id,
                "district_id": r.district_id,
                "version_id": r.version_id,
                "locked": r.locked,
                "assigned_at": r.assigned_at,
            }
            for r in receipts
        ],
    }


def received_view(
    template: Template, version: TemplateVersion, assignment: Assignment, receipt: Receipt
) -> dict[str, Any]:
    """A version someone received, with everything needed to render its form offline."""
    return {
        **version_view(template, version),
        "assignment_id": assignment.assignment_id,
        "assigned_by_type": assignment.assigned_by_type,
        "assigned_by_id": assignment.assigned_by_id,
        "locked": receipt.locked,
        "assigned_at": receipt.assigned_at,
    }
