"""/v1/templates: create and list templates, read one, edit its draft, start a new draft, fork."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import ALL_ROLES, Role, Tier
from canopy_shared.errors import Invalid
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_templates.api.caller import actor, uow
from canopy_templates.domain.actors import ADMINS, OrgRef
from canopy_templates.schemas import (
    ContentIn,
    ForkIn,
    ForkListOut,
    NewDraftIn,
    OwnerQuery,
    TemplateListOut,
    TemplateOut,
)
from canopy_templates.services import templates

blp = Blueprint(
    "templates",
    __name__,
    url_prefix="/v1/templates",
    description="Templates (rubrics): drafts, immutable published versions, forks. Owned by a "
    "region, a district or a school; changed only by that organisation's admin.",
)
READERS = (
    Role.REGION_ADMIN,
    Role.REGION_LEADER,
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_LEADER,
    Role.SCHOOL_ADMIN,
)


@blp.route("")
class Templates(MethodView):
    @require_roles(*ADMINS)
    @blp.arguments(ContentIn)
    @blp.response(201, TemplateOut)
    def post(self, content: dict[str, Any]) -> dict[str, Any]:
        """Create a template (an open draft) owned by your organisation."""
        return templates.create_template(uow=uow(), actor=actor(), content=content)

    @require_roles(*READERS)
    @blp.arguments(OwnerQuery, location="query")
    @blp.response(200, TemplateListOut)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """List an organisation's own templates (yours by default; a district may list its
        schools')."""
        owner = _owner(query)
        return {"templates": templates.list_templates(uow=uow(), actor=actor(), owner=owner)}


@blp.route("/<uuid:template_id>")
class OneTemplate(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, TemplateOut)
    def get(self, template_id: Any) -> dict[str, Any]:
        """A template with its versions (the draft only for the owner's people)."""
        return templates.get_template(uow=uow(), actor=actor(), template_id=str(template_id))


@blp.route("/<uuid:template_id>/draft")
class Draft(MethodView):
    @require_roles(*ADMINS)
    @blp.arguments(ContentIn)
    @blp.response(200, TemplateOut)
    def put(self, content: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Replace the open draft's content (published versions never change)."""
        return templates.edit_draft(
            uow=uow(), actor=actor(), template_id=str(template_id), content=content
        )

    @require_roles(*ADMINS)
    @blp.arguments(NewDraftIn)
    @blp.response(201, TemplateOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Start a new draft from a published version (the latest by default)."""
        return templates.start_draft(
            uow=uow(),
            actor=actor(),
            template_id=str(template_id),
            from_version=body["from_version"],
        )


@blp.route("/<uuid:template_id>/fork")
class Fork(MethodView):
    @require_roles(Role.DISTRICT_ADMIN, Role.SCHOOL_ADMIN)
    @blp.arguments(ForkIn)
    @blp.response(201, TemplateOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Copy a template pushed open to your organisation into one of your own (its
        `derived_from` records the version it came from). Locked pushes cannot be forked."""
        return templates.fork(
            uow=uow(), actor=actor(), template_id=str(template_id), title=body["title"]
        )


@blp.route("/<uuid:template_id>/forks")
class Forks(MethodView):
    @require_roles(*READERS)
    @blp.response(200, ForkListOut)
    def get(self, template_id: Any) -> dict[str, Any]:
        """Who forked this template: for the owner's people. A region sees its connected
        districts' and schools' copies (title, from which version, their own versions since)."""
        forks = templates.list_forks(uow=uow(), actor=actor(), template_id=str(template_id))
        return {"forks": forks}


def _owner(query: dict[str, Any]) -> OrgRef | None:
    owner_type, owner_id = query["owner_type"], query["owner_id"]
    if (owner_type is None) != (owner_id is None):
        missing = "owner_id" if owner_id is None else "owner_type"
        raise Invalid(
            "give owner_type and owner_id together, or neither for your own",
            field=missing,
            rule="together",
        )
    return None if owner_type is None else OrgRef(Tier(owner_type), owner_id)
