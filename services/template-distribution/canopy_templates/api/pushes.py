"""/v1/templates/{id}/push and /assignment: push a published version down (locked or open to
fork), see who holds it, withdraw it."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_templates.api.caller import actor, uow
from canopy_templates.schemas import AssignmentOut, PushIn
from canopy_templates.services import pushes

blp = Blueprint(
    "pushes",
    __name__,
    url_prefix="/v1/templates",
    description="Pushing published versions down to connected districts and schools, locked "
    "(a required standard) or open to fork.",
)
PUSHERS = (Role.REGION_ADMIN, Role.DISTRICT_ADMIN)


@blp.route("/<uuid:template_id>/push")
class Push(MethodView):
    @require_roles(*PUSHERS)
    @blp.arguments(PushIn)
    @blp.response(200, AssignmentOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Push a published version: a region to all its connected districts and their
        schools (or `district_ids`), a district to its schools (or `school_ids`). Pushing
        again moves receivers to the new version, lock or targets."""
        return pushes.push(uow=uow(), actor=actor(), template_id=str(template_id), **body)


@blp.route("/<uuid:template_id>/assignment")
class TemplateAssignment(MethodView):
    @require_roles(
        Role.REGION_ADMIN,
        Role.REGION_LEADER,
        Role.DISTRICT_ADMIN,
        Role.DISTRICT_LEADER,
        Role.SCHOOL_ADMIN,
    )
    @blp.response(200, AssignmentOut)
    def get(self, template_id: Any) -> dict[str, Any]:
        """The template's push and every organisation holding it now."""
        return pushes.get_assignment(uow=uow(), actor=actor(), template_id=str(template_id))

    @require_roles(*PUSHERS)
    @blp.response(200, AssignmentOut)
    def delete(self, template_id: Any) -> dict[str, Any]:
        """Withdraw the push: receivers stop using it for new walkthroughs."""
        return pushes.withdraw(uow=uow(), actor=actor(), template_id=str(template_id))
