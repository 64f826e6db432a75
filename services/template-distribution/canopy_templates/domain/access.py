"""Who may do what to a template. Role checks happen at the door (the endpoint); these rules
add the tenant: which organisation's templates, and what a receiver of a push may do.

Answers for someone who may not even see a template are `Missing` (404), so ids of other
organisations' templates reveal nothing; someone who sees it but may not change it gets
`NotAllowed` (403) with the rule that stops them.
"""

from __future__ import annotations

from dataclasses import dataclass

from canopy_shared.contracts.vocabulary import Tier
from canopy_shared.errors import Missing, NotAllowed
from canopy_templates.domain.actors import Actor, OrgRef


@dataclass(frozen=True)
class TemplateAccess:
    """What the access rules need to know about one template and the caller's relation to it."""

    template_id: str
    owner: OrgRef
    owner_district_id: str | None  # the owning district, or a school owner's district
    received_locked: bool | None  # None: not pushed to the caller's organisation


def owner_for_new_template(actor: Actor) -> OrgRef:
    """A new template belongs to the admin's own organisation (never one named in a body)."""
    if not actor.is_admin:
        raise NotAllowed(f"role {actor.role} cannot own templates", rule="admin_only")
    return actor.org


def may_read_owned(actor: Actor, owner: OrgRef, owner_district_id: str | None) -> bool:
    """The owner's own people, and a district's people for their schools' templates."""
    if actor.belongs_to(owner) and (owner.type != Tier.SCHOOL or actor.is_admin):
        return True
    return (
        owner.type == Tier.SCHOOL
        and actor.tier == Tier.DISTRICT
        and actor.org == OrgRef(Tier.DISTRICT, owner_district_id or "")
    )


def check_may_read(actor: Actor, template: TemplateAccess) -> None:
    if may_read_owned(actor, template.owner, template.owner_district_id):
        return
    if template.received_locked is None:
        raise _missing(template.template_id)


def check_may_manage(actor: Actor, template: TemplateAccess) -> None:
    """Edit, publish, retire, push: the admin of the owning organisation only."""
    if actor.is_admin_of(template.owner):
        return
    if template.received_locked is True:
        raise _locked(template, "edited")
    if template.received_locked is False:
        raise NotAllowed(
            f"template {template.template_id} belongs to {_owner(template)}; fork it to make a "
            "copy of your own that you can edit",
            field="template_id",
            rule="owner_only",
        )
    if may_read_owned(actor, template.owner, template.owner_district_id):
        raise NotAllowed(
            f"only the {template.owner.type} admin may change this template",
            field="template_id",
            rule="owner_admin_only",
        )
    raise _missing(template.template_id)


def check_may_fork(actor: Actor, template: TemplateAccess) -> None:
    """A receiver's admin forks an open push; a locked push is the required standard."""
    if actor.is_admin_of(template.owner):
        raise NotAllowed(
            "you own this template: start a new draft instead of forking it",
            field="template_id",
            rule="not_own_template",
        )
    if template.received_locked is None or not actor.is_admin:
        check_may_read(actor, template)
        raise NotAllowed(
            "only templates pushed to your organisation can be forked, by its admin",
            field="template_id",
            rule="pushed_to_you",
        )
    if template.received_locked:
        raise _locked(template, "forked")


def check_may_read_org(actor: Actor, org: OrgRef, org_district_id: str | None) -> None:
    """Listing an organisation's own templates."""
    if not may_read_owned(actor, org, org_district_id):
        raise NotAllowed(
            f"you may list only your own organisation's templates, not {org.type} {org.id}",
            field="owner_id",
            rule="own_organisation",
        )


def _locked(template: TemplateAccess, done: str) -> NotAllowed:
    return NotAllowed(
        f"template {template.template_id} was pushed locked by {_owner(template)}: it is a "
        f"required standard and cannot be {done} by receivers; ask the {template.owner.type} "
        "admin to change it or push it open",
        field="template_id",
        rule="locked",
    )


def _missing(template_id: str) -> Missing:
    return Missing(f"no template {template_id} visible to you", field="template_id", rule="exists")


def _owner(template: TemplateAccess) -> str:
    return f"its {template.owner.type} ({template.owner.id})"
