"""Pushing a published version down: a region to its connected districts and their schools, a
district to its schools. Locked pushes are required standards receivers cannot edit or fork."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from canopy_shared.contracts.vocabulary import Tier
from canopy_shared.errors import Conflicting, Invalid, Missing, NotAllowed
from canopy_templates.adapters.db import Assignment, Template, TemplateVersion
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.domain.access import check_may_manage, may_read_owned
from canopy_templates.domain.actors import Actor
from canopy_templates.services import receivers
from canopy_templates.services.common import access_of, find_template, new_id, now, owner_ref
from canopy_templates.services.views import assignment_view


def push(
    *,
    uow: UnitOfWork,
    actor: Actor,
    template_id: str,
    locked: bool,
    version_number: int | None = None,
    district_ids: Sequence[str] | None = None,
    school_ids: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Assign a published version (the latest by default) to the owner's scope, or to the
    listed connected districts / own schools. Pushing again changes version, lock or targets:
    receivers on an older version are moved on (it is superseded for new walkthroughs), ones
    no longer targeted lose it, and everyone is told."""
    with uow:
        template = find_template(uow, template_id, lock=True)
        check_may_manage(actor, access_of(uow, actor, template))
        if template.owner_type not in (Tier.REGION, Tier.DISTRICT):
            raise NotAllowed(
                "a school's own templates reach its observers when published",
                field="template_id",
                rule="region_or_district_only",
            )
        version = _pushable_version(uow, template, version_number)
        receivers.take_turn(uow, template)
        targets = _targets(uow, template, district_ids=district_ids, school_ids=school_ids)
        assignment = _assignment_for(uow, template)
        assignment.version_id, assignment.locked = version.version_id, locked
        assignment.target_ids, assignment.active = targets, True
        assignment.updated_at = now()
        receivers.reconcile(uow, template, assignment, reason=receivers.RETARGETED)
        view = _view(uow, template, assignment)
        uow.commit()
    return view


def withdraw(*, uow: UnitOfWork, actor: Actor, template_id: str) -> dict[str, Any]:
    """End the push: every receiver loses the template for new walkthroughs."""
    with uow:
        template = find_template(uow, template_id, lock=True)
        check_may_manage(actor, access_of(uow, actor, template))
        receivers.take_turn(uow, template)
        assignment = _existing(uow, template)
        assignment.active, assignment.updated_at = False, now()
        receivers.reconcile(uow, template, assignment, reason=receivers.WITHDRAWN)
        view = _view(uow, template, assignment)
        uow.commit()
    return view


def get_assignment(*, uow: UnitOfWork, actor: Actor, template_id: str) -> dict[str, Any]:
    """The push and who holds it now (the owner's people only)."""
    with uow:
        template = find_template(uow, template_id)
        owner = owner_ref(template)
        if not may_read_owned(actor, owner, template.owner_district_id):
            raise Missing(
                f"no template {template_id} visible to you", field="template_id", rule="exists"
            )
        return _view(uow, template, _existing(uow, template))


def _pushable_version(uow: UnitOfWork, template: Template, number: int | None) -> TemplateVersion:
    latest = uow.templates.latest_version(template.template_id)
    latest_number = latest.version_number if latest else 0
    if latest is None or (number is not None and number > latest_number):
        draft = "version 1" if latest is None else f"version {latest_number + 1}"
        raise Conflicting(
            f"{draft} is not published (only published versions can be pushed); "
            f"publish the draft first with POST /v1/templates/{template.template_id}/publish",
            field="version_number",
            rule="published_only",
        )
    version = latest if number is None else uow.templates.version(template.template_id, number)
    if version is None:
        raise Invalid(f"no version {number}", field="version_number", rule="exists")
    if version.retired_at is not None:
        raise Conflicting(
            f"version {version.version_number} is retired and cannot be pushed",
            field="version_number",
            rule="not_retired",
        )
    return version


def _targets(
    uow: UnitOfWork,
    template: Template,
    *,
    district_ids: Sequence[str] | None,
    school_ids: Sequence[str] | None,
) -> list[str] | None:
    if template.owner_type == Tier.REGION:
        if school_ids is not None:
            raise Invalid(
                "a region pushes to districts (and so their schools): use district_ids",
                field="school_ids",
                rule="district_push_only",
            )
        return _checked(
            district_ids,
            "district_ids",
            lambda i: _connected(uow, template, i),
            "connected",
            "district {} is not connected to this region; only connected districts can receive "
            "its templates",
        )
    if district_ids is not None:
        raise Invalid(
            "a district pushes to its schools: use school_ids",
            field="district_ids",
            rule="region_push_only",
        )
    return _checked(
        school_ids,
        "school_ids",
        lambda i: _in_district(uow, template, i),
        "in_district",
        "school {} is not a school of this district",
    )


def _checked(
    ids: Sequence[str] | None, field: str, is_ok: Callable[[str], bool], rule: str, why: str
) -> list[str] | None:
    if ids is None:
        return None  # the whole scope, including districts or schools that join later
    if not ids:
        raise Invalid(f"{field} is empty; omit it to push to all", field=field, rule="non_empty")
    for org_id in ids:
        if not is_ok(org_id):
            raise Invalid(why.format(org_id), field=field, rule=rule)
    return sorted(set(ids))


def _connected(uow: UnitOfWork, template: Template, district_id: str) -> bool:
    district = uow.orgs.district(district_id)
    return district is not None and district.region_id == template.owner_id


def _in_district(uow: UnitOfWork, template: Template, school_id: str) -> bool:
    school = uow.orgs.school(school_id)
    return school is not None and school.district_id == template.owner_id


def _assignment_for(uow: UnitOfWork, template: Template) -> Assignment:
    assignment = uow.assignments.for_template(template.template_id, lock=True)
    if assignment is None:
        assignment = Assignment(
            assignment_id=new_id(),
            template_id=template.template_id,
            assigned_by_type=template.owner_type,
            assigned_by_id=template.owner_id,
            created_at=now(),
        )
        uow.assignments.add(assignment)
    return assignment


def _existing(uow: UnitOfWork, template: Template) -> Assignment:
    assignment = uow.assignments.for_template(template.template_id, lock=True)
    if assignment is None:
        raise Missing("this template has never been pushed", field="template_id", rule="pushed")
    return assignment


def _view(uow: UnitOfWork, template: Template, assignment: Assignment) -> dict[str, Any]:
    versions = uow.templates.versions(template.template_id)
    return assignment_view(assignment, versions, uow.assignments.receipts(assignment.assignment_id))
