"""/v1/templates/{id}: publish the draft as an immutable version, read a version, retire one.
Changing or deleting a published version is always refused."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import ALL_ROLES
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_templates.api.caller import actor, uow
from canopy_templates.domain.actors import ADMINS
from canopy_templates.schemas import PublishIn, VersionOut
from canopy_templates.services import versions

blp = Blueprint(
    "versions",
    __name__,
    url_prefix="/v1/templates",
    description="Published versions: numbered, immutable, never deleted (only retired); "
    "publishing announces the full content to every consumer.",
)


@blp.route("/<uuid:template_id>/publish")
class Publish(MethodView):
    @require_roles(*ADMINS)
    @blp.arguments(PublishIn)
    @blp.response(201, VersionOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Publish the draft as the next immutable version."""
        return versions.publish(
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
        return versions.get_version(
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
        return versions.retire_version(
            uow=uow(), actor=actor(), template_id=str(template_id), version_number=version_number
        )


def _refuse(template_id: Any, version_number: int) -> None:
    versions.refuse_version_change(
        uow=uow(), actor=actor(), template_id=str(template_id), version_number=version_number
    )
