"""/v1/templates: create and list templates, edit the draft, publish, read versions, fork."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from canopy_shared.errors import Invalid
from canopy_shared.web.auth import ALL_ROLES, require_roles
from canopy_templates.domain.actors import (
    DISTRICT_ADMIN,
    DISTRICT_LEADER,
    REGION_ADMIN,
    REGION_LEADER,
    SCHOOL_ADMIN,
    OrgRef,
)
from canopy_templates.schemas import (
    ContentIn,
    ForkIn,
    NewDraftIn,
    OwnerQuery,
    PublishIn,
    TemplateListOut,
    TemplateOut,
    VersionOut,
)
from canopy_templates.services import authoring, publishing, queries
from canopy_templates.web import actor, uow

blp = Blueprint(
    "templates",
    __name__,
    url_prefix="/v1/templates",
    description="Templates (rubrics): drafts, immutable published versions, forks. Owned by a "
    "region, a district or a school; changed only by that organisation's admin.",
)
ADMINS = (REGION_ADMIN, DISTRICT_ADMIN, SCHOOL_ADMIN)
READERS = (REGION_ADMIN, REGION_LEADER, DISTRICT_ADMIN, DISTRICT_LEADER, SCHOOL_ADMIN)


@blp.route("")
class Templates(MethodView):
    @require_roles(*ADMINS)
    @blp.arguments(ContentIn)
    @blp.response(201, TemplateOut)
    def post(self, content: dict[str, Any]) -> dict[str, Any]:
        """Create a template (an open draft) owned by your organisation."""
        return authoring.create_template(uow=uow(), actor=actor(), content=content)

    @require_roles(*READERS)
    @blp.arguments(OwnerQuery, location="query")
    @blp.response(200, TemplateListOut)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """List an organisation's own templates (yours by default; a district may list its
        schools')."""
        owner = _owner(query)
        return {"templates": queries.list_templates(uow=uow(), actor=actor(), owner=owner)}


@blp.route("/<uuid:template_id>")
class OneTemplate(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, TemplateOut)
    def get(self, template_id: Any) -> dict[str, Any]:
        """A template with its versions (the draft only for the owner's people)."""
        return queries.get_template(uow=uow(), actor=actor(), template_id=str(template_id))


@blp.route("/<uuid:template_id>/draft")
class Draft(MethodView):
    @require_roles(*ADMINS)
    @blp.arguments(ContentIn)
    @blp.response(200, TemplateOut)
    def put(self, content: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Replace the open draft's content (published versions never change)."""
        return authoring.edit_draft(
            uow=uow(), actor=actor(), template_id=str(template_id), content=content
        )

    @require_roles(*ADMINS)
    @blp.arguments(NewDraftIn)
    @blp.response(201, TemplateOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Start a new draft from a published version (the latest by default)."""
        return authoring.start_draft(
            uow=uow(),
            actor=actor(),
            template_id=str(template_id),
            from_version=body["from_version"],
        )


@blp.route("/<uuid:template_id>/publish")
class Publish(MethodView):
    @require_roles(*ADMINS)
    @blp.arguments(PublishIn)
    @blp.response(201, VersionOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Publish the draft as the next immutable version."""
        return publishing.publish(
            uow=uow(),
            actor=actor(),
            template_id=str(template_id),
            advance_assignments=body["advance_assignments"],
        )


@blp.route("/<uuid:template_id>/versions/<int:version_number>")
class Version(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, VersionOut)
    def get(self, template_id: Any, version_number: int) -> dict[str, Any]:
        """A published version's full content."""
        return queries.get_version(
            uow=uow(), actor=actor(), template_id=str(template_id), version_number=version_number
        )

    @require_roles(*ADMINS)
    @blp.alt_response(409, description="published versions are immutable")
    def put(self, template_id: Any, version_number: int) -> None:
        """Always refused: published versions are immutable (start a new draft instead)."""
        _refuse(template_id, version_number)

    @require_roles(*ADMINS)
    @blp.alt_response(409, description="published versions are never deleted, only retired")
    def delete(self, template_id: Any, version_number: int) -> None:
        """Always refused: published versions are never deleted, only retired."""
        _refuse(template_id, version_number)


@blp.route("/<uuid:template_id>/versions/<int:version_number>/retire")
class Retire(MethodView):
    @require_roles(*ADMINS)
    @blp.response(200, VersionOut)
    def post(self, template_id: Any, version_number: int) -> dict[str, Any]:
        """Retire a version: no new walkthroughs use it; a push of it ends."""
        return publishing.retire_version(
            uow=uow(), actor=actor(), template_id=str(template_id), version_number=version_number
        )


@blp.route("/<uuid:template_id>/fork")
class Fork(MethodView):
    @require_roles(DISTRICT_ADMIN, SCHOOL_ADMIN)
    @blp.arguments(ForkIn)
    @blp.response(201, TemplateOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Copy a template pushed open to your organisation into one of your own (its
        `derived_from` records the version it came from). Locked pushes cannot be forked."""
        return authoring.fork(
            uow=uow(), actor=actor(), template_id=str(template_id), title=body["title"]
        )


def _owner(query: dict[str, Any]) -> OrgRef | None:
    owner_type, owner_id = query["owner_type"], query["owner_id"]
    if (owner_type is None) != (owner_id is None):
        missing = "owner_id" if owner_id is None else "owner_type"
        raise Invalid(
            "give owner_type and owner_id together, or neither for your own",
            field=missing,
            rule="together",
        )
    return None if owner_type is None else OrgRef(owner_type, owner_id)


def _refuse(template_id: Any, version_number: int) -> None:
    publishing.refuse_version_change(
        uow=uow(), actor=actor(), template_id=str(template_id), version_number=version_number
    )
