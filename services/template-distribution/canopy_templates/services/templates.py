"""Templates and their open draft: create, list and read them, edit the draft, start a new
draft from a published version, fork a template pushed open to you."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from canopy_shared.contracts.vocabulary import Tier
from canopy_shared.errors import Conflicting, Invalid, NotAllowed
from canopy_templates.adapters.db import Template, TemplateVersion
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.domain import content as content_rules
from canopy_templates.domain.access import (
    check_may_fork,
    check_may_manage,
    check_may_read,
    check_may_read_org,
    may_read_owned,
    owner_for_new_template,
)
from canopy_templates.domain.actors import Actor, OrgRef
from canopy_templates.services.common import access_of, find_template, new_id, now
from canopy_templates.services.views import fork_view, template_view

Content = dict[str, Any]


def create_template(*, uow: UnitOfWork, actor: Actor, content: Content) -> dict[str, Any]:
    """A new template owned by the admin's organisation, as an open draft."""
    owner = owner_for_new_template(actor)
    draft = content_rules.prepare(content)
    with uow:
        template = _new_template(actor, owner, draft)
        uow.templates.add(template)
        view = template_view(template, [], None, with_draft=True)
        uow.commit()
    return view


def list_templates(
    *, uow: UnitOfWork, actor: Actor, owner: OrgRef | None = None
) -> list[dict[str, Any]]:
    """An organisation's own templates (the caller's by default), drafts included."""
    owner = owner or actor.org
    with uow:
        school = uow.orgs.school(owner.id) if owner.type == Tier.SCHOOL else None
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


def edit_draft(
    *, uow: UnitOfWork, actor: Actor, template_id: str, content: Content
) -> dict[str, Any]:
    """Replace the open draft's content; published versions never change."""
    with uow:
        template = find_template(uow, template_id, lock=True)
        check_may_manage(actor, access_of(uow, actor, template))
        if template.draft is None:
            raise published_is_immutable(uow, template)
        base = uow.templates.version_by_id(template.draft_base_version_id or "")
        _set_draft(template, content_rules.prepare(content, base_sections=_sections(base)))
        view = _view(uow, template)
        uow.commit()
    return view


def start_draft(
    *, uow: UnitOfWork, actor: Actor, template_id: str, from_version: int | None = None
) -> dict[str, Any]:
    """Open a new draft copying a published version (the latest by default); it publishes as
    the next version number, and unchanged indicators keep their keys."""
    with uow:
        template = find_template(uow, template_id, lock=True)
        check_may_manage(actor, access_of(uow, actor, template))
        if template.draft is not None:
            raise Conflicting(
                "a draft is already open; edit it with PUT /v1/templates/{id}/draft or publish it",
                field="template_id",
                rule="one_open_draft",
            )
        base = (
            uow.templates.version(template_id, from_version)
            if from_version is not None
            else uow.templates.latest_version(template_id)
        )
        if base is None:
            raise Invalid(
                f"template has no version {from_version}", field="from_version", rule="exists"
            )
        _set_draft(template, content_of(base))
        template.draft_base_version_id = base.version_id
        view = _view(uow, template)
        uow.commit()
    return view


def fork(
    *, uow: UnitOfWork, actor: Actor, template_id: str, title: str | None = None
) -> dict[str, Any]:
    """A copy of a template pushed open to the caller's organisation, owned by it, recording
    the version it was derived from."""
    with uow:
        source = find_template(uow, template_id)
        check_may_fork(actor, access_of(uow, actor, source))
        receipt = uow.assignments.receipt_of(template_id, actor.org.id)
        version = uow.templates.version_by_id(receipt.version_id) if receipt else None
        if version is None:  # guarded by check_may_fork; kept for type narrowing
            raise NotAllowed("nothing pushed to you to fork", field="template_id")
        draft = content_of(version)
        draft["title"] = title or draft["title"]
        fork = _new_template(actor, actor.org, draft)
        fork.derived_from_template_id = source.template_id
        fork.derived_from_version_id = version.version_id
        fork.draft_base_version_id = version.version_id
        uow.templates.add(fork)
        view = template_view(fork, [], None, with_draft=True)
        uow.commit()
    return view


def list_forks(*, uow: UnitOfWork, actor: Actor, template_id: str) -> list[dict[str, Any]]:
    """Who made their own copy of the owner's template: for the owner's people (a region sees
    which connected districts and schools adapted its standard). Forks of organisations no longer
    connected to a region are not the region's to see."""
    with uow:
        template = find_template(uow, template_id)
        access = access_of(uow, actor, template)
        check_may_read(actor, access)
        if not may_read_owned(actor, access.owner, access.owner_district_id):
            raise NotAllowed(
                "only the owner's people see who forked a template",
                field="template_id",
                rule="owner_only",
            )
        visible = _fork_holders(uow, template)
        return [
            fork_view(
                fork,
                uow.templates.versions(fork.template_id),
                _source_version(uow, fork),
                owner_name,
            )
            for fork in uow.templates.forks_of(template_id)
            if (owner_name := visible(fork)) is not None
        ]


def _fork_holders(uow: UnitOfWork, template: Template) -> Callable[[Template], str | None]:
    """The name of a fork's owner when the template's owner may see it, else None."""
    connected = (
        set(uow.orgs.connected_district_ids(template.owner_id))
        if template.owner_type == Tier.REGION
        else None
    )

    def name_of(fork: Template) -> str | None:
        district_id = fork.owner_district_id or ""
        if connected is not None and district_id not in connected:
            return None
        if fork.owner_type == Tier.SCHOOL:
            school = uow.orgs.school(fork.owner_id)
            return school.name if school else fork.owner_id
        district = uow.orgs.district(fork.owner_id)
        return (district.name if district else None) or fork.owner_id

    return name_of


def _source_version(uow: UnitOfWork, fork: Template) -> TemplateVersion | None:
    return uow.templates.version_by_id(fork.derived_from_version_id or "")


def content_of(version: TemplateVersion) -> Content:
    return {
        "title": version.title,
        "description": version.description,
        "sections": copy.deepcopy(version.sections),
    }


def published_is_immutable(uow: UnitOfWork, template: Template) -> Conflicting:
    latest = uow.templates.latest_version(template.template_id)
    number = latest.version_number if latest else 0
    return Conflicting(
        f"version {number} is published and can never change; start a new draft with "
        f"POST /v1/templates/{template.template_id}/draft (it publishes as version {number + 1})",
        field="template_id",
        rule="published_is_immutable",
    )


def _new_template(actor: Actor, owner: OrgRef, draft: Content) -> Template:
    at = now()
    template = Template(
        template_id=new_id(),
        owner_type=owner.type.value,
        owner_id=owner.id,
        owner_district_id=_owner_district(actor, owner),
        created_by=actor.subject,
        created_at=at,
    )
    _set_draft(template, draft)
    return template


def _owner_district(actor: Actor, owner: OrgRef) -> str | None:
    if owner.type == Tier.DISTRICT:
        return owner.id
    if owner.type == Tier.SCHOOL:
        if not actor.district_id:
            raise NotAllowed("your sign-in names no district for your school", rule="district")
        return actor.district_id
    return None


def _set_draft(template: Template, draft: Content) -> None:
    template.draft = draft
    template.title = draft["title"]
    template.description = draft["description"]
    template.updated_at = now()


def _sections(version: TemplateVersion | None) -> list[dict[str, Any]] | None:
    return None if version is None else version.sections


def _view(uow: UnitOfWork, template: Template) -> dict[str, Any]:
    versions = uow.templates.versions(template.template_id)
    assignment = uow.assignments.for_template(template.template_id)
    return template_view(template, versions, assignment, with_draft=True)
