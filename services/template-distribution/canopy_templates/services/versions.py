"""A template's published versions: publish the draft as immutable version N, read a version,
retire one; and the `templates.events.v1` messages announcing them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from canopy_shared.contracts import Envelope
from canopy_shared.contracts.vocabulary import Tier
from canopy_shared.errors import Conflicting, Missing
from canopy_templates.adapters.db import Assignment, Template, TemplateVersion
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.domain import content as content_rules
from canopy_templates.domain.access import check_may_manage, check_may_read
from canopy_templates.domain.actors import Actor
from canopy_templates.services import receivers
from canopy_templates.services.common import (
    access_of,
    derived_from,
    event,
    find_template,
    new_id,
    now,
    owner_of,
    owner_region_id,
)
from canopy_templates.services.templates import published_is_immutable
from canopy_templates.services.views import version_view


def publish(
    *, uow: UnitOfWork, actor: Actor, template_id: str, advance_assignments: bool = True
) -> dict[str, Any]:
    """Turn the open draft into version N+1 and announce it with its full content.

    If the template is pushed, its receivers move to the new version (superseding the old one
    for new walkthroughs) unless `advance_assignments` is false; a school's own template is
    usable by its observers as soon as it is published.
    """
    with uow:
        template = find_template(uow, template_id, lock=True)
        check_may_manage(actor, access_of(uow, actor, template))
        draft = template.draft
        if draft is None:
            raise Conflicting(
                "there is no open draft to publish; start one with "
                f"POST /v1/templates/{template_id}/draft",
                field="template_id",
                rule="draft_required",
            )
        content_rules.check_publishable(draft)
        version = _new_version(uow, template, draft, published_by=actor.subject)
        uow.templates.add(version)
        template.draft, template.draft_base_version_id = None, None
        template.updated_at = version.published_at
        uow.emit(version_published(template, version))
        _follow_new_version(uow, template, version, advance=advance_assignments)
        view = version_view(template, version)
        uow.commit()
    return view


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


def retire_version(
    *, uow: UnitOfWork, actor: Actor, template_id: str, version_number: int
) -> dict[str, Any]:
    """Retire a version: no new walkthroughs may use it (past ones keep it). If it is the
    version being pushed, the push ends and its receivers lose it. Retiring twice is a no-op."""
    with uow:
        template = find_template(uow, template_id, lock=True)
        check_may_manage(actor, access_of(uow, actor, template))
        version = _version(uow, template_id, version_number)
        if version.retired_at is None:
            version.retired_at = now()
            uow.emit(retired(template, version, at=version.retired_at))
            receivers.take_turn(uow, template)
            assignment = uow.assignments.for_template(template_id, lock=True)
            if assignment and assignment.active and assignment.version_id == version.version_id:
                assignment.active, assignment.updated_at = False, version.retired_at
                receivers.reconcile(uow, template, assignment, reason=receivers.VERSION_RETIRED)
        view = version_view(template, version)
        uow.commit()
    return view


def refuse_version_change(
    *, uow: UnitOfWork, actor: Actor, template_id: str, version_number: int
) -> None:
    """Editing or deleting a published version: always refused, with what to do instead."""
    with uow:
        template = find_template(uow, template_id)
        access = access_of(uow, actor, template)
        check_may_read(actor, access)
        check_may_manage(actor, access)
        _version(uow, template_id, version_number)
        raise published_is_immutable(uow, template)


def _new_version(
    uow: UnitOfWork, template: Template, draft: dict[str, Any], *, published_by: str
) -> TemplateVersion:
    latest = uow.templates.latest_version(template.template_id)
    return TemplateVersion(
        version_id=new_id(),
        template_id=template.template_id,
        version_number=(latest.version_number if latest else 0) + 1,
        region_id=owner_region_id(uow, template),
        title=draft["title"],
        description=draft["description"],
        sections=draft["sections"],
        published_by=published_by,
        published_at=now(),
        retired_at=None,
    )


def _follow_new_version(
    uow: UnitOfWork, template: Template, version: TemplateVersion, *, advance: bool
) -> None:
    receivers.take_turn(uow, template)
    assignment = uow.assignments.for_template(template.template_id, lock=True)
    active = assignment is not None and assignment.active
    if template.owner_type == Tier.SCHOOL and not active:
        assignment = _school_self_assignment(template, version, assignment)
        uow.assignments.add(assignment)
    elif not (active and advance):
        return
    assert assignment is not None
    assignment.version_id, assignment.updated_at = version.version_id, version.published_at
    receivers.reconcile(uow, template, assignment, reason=receivers.RETARGETED)


def _school_self_assignment(
    template: Template, version: TemplateVersion, existing: Assignment | None
) -> Assignment:
    assignment = existing or Assignment(
        assignment_id=new_id(),
        template_id=template.template_id,
        assigned_by_type=Tier.SCHOOL.value,
        assigned_by_id=template.owner_id,
        created_at=version.published_at,
    )
    assignment.version_id = version.version_id
    assignment.locked, assignment.target_ids, assignment.active = False, None, True
    return assignment


def _version(uow: UnitOfWork, template_id: str, number: int) -> TemplateVersion:
    version = uow.templates.version(template_id, number)
    if version is None:
        raise Missing(
            f"template {template_id} has no version {number}", field="version_number", rule="exists"
        )
    return version


def version_published(template: Template, version: TemplateVersion) -> Envelope:
    return event(
        "template.version_published",
        version.published_at,
        {
            "template_id": template.template_id,
            "version_id": version.version_id,
            "version_number": version.version_number,
            **owner_of(template),
            "region_id": version.region_id,
            "title": version.title,
            "description": version.description,
            "derived_from": derived_from(template),
            "sections": version.sections,
            "published_at": version.published_at.isoformat(),
        },
    )


def retired(template: Template, version: TemplateVersion, *, at: datetime) -> Envelope:
    return event(
        "template.retired",
        at,
        {
            "template_id": template.template_id,
            "version_id": version.version_id,
            **owner_of(template),
            "retired_at": at.isoformat(),
        },
    )
