"""Pushes and what receivers see: /v1/templates/{id}/push and /assignment, a school's usable
templates, a district's received templates."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from canopy_shared.web.auth import require_roles
from canopy_templates.domain.actors import (
    DISTRICT_ADMIN,
    DISTRICT_LEADER,
    OBSERVER,
    REGION_ADMIN,
    REGION_LEADER,
    SCHOOL_ADMIN,
    TEACHER,
)
from canopy_templates.schemas import AssignmentOut, PushIn, ReceivedListOut
from canopy_templates.services import pushing, queries
from canopy_templates.web import actor, uow

blp = Blueprint(
    "distribution",
    __name__,
    url_prefix="/v1",
    description="Pushing published versions down (locked or open) and what each school's "
    "observers may use now.",
)
PUSHERS = (REGION_ADMIN, DISTRICT_ADMIN)
SCHOOL_READERS = (SCHOOL_ADMIN, OBSERVER, TEACHER, DISTRICT_ADMIN, DISTRICT_LEADER)


@blp.route("/templates/<uuid:template_id>/push")
class Push(MethodView):
    @require_roles(*PUSHERS)
    @blp.arguments(PushIn)
    @blp.response(200, AssignmentOut)
    def post(self, body: dict[str, Any], template_id: Any) -> dict[str, Any]:
        """Push a published version: a region to all its connected districts and their
        schools (or `district_ids`), a district to its schools (or `school_ids`). Pushing
        again moves receivers to the new version, lock or targets."""
        return pushing.push(uow=uow(), actor=actor(), template_id=str(template_id), **body)


@blp.route("/templates/<uuid:template_id>/assignment")
class TemplateAssignment(MethodView):
    @require_roles(REGION_ADMIN, REGION_LEADER, DISTRICT_ADMIN, DISTRICT_LEADER, SCHOOL_ADMIN)
    @blp.response(200, AssignmentOut)
    def get(self, template_id: Any) -> dict[str, Any]:
        """The template's push and every organisation holding it now."""
        return pushing.get_assignment(uow=uow(), actor=actor(), template_id=str(template_id))

    @require_roles(*PUSHERS)
    @blp.response(200, AssignmentOut)
    def delete(self, template_id: Any) -> dict[str, Any]:
        """Withdraw the push: receivers stop using it for new walkthroughs."""
        return pushing.withdraw(uow=uow(), actor=actor(), template_id=str(template_id))


@blp.route("/schools/<uuid:school_id>/templates")
class SchoolTemplates(MethodView):
    @require_roles(*SCHOOL_READERS)
    @blp.response(200, ReceivedListOut)
    def get(self, school_id: Any) -> dict[str, Any]:
        """The template versions this school's observers may use now (region-pushed,
        district-pushed and the school's own), with the full content to render offline."""
        school = str(school_id)
        templates = queries.usable_at_school(uow=uow(), actor=actor(), school_id=school)
        return {"org_id": school, "templates": templates}


@blp.route("/districts/<uuid:district_id>/received-templates")
class DistrictReceived(MethodView):
    @require_roles(DISTRICT_ADMIN, DISTRICT_LEADER)
    @blp.response(200, ReceivedListOut)
    def get(self, district_id: Any) -> dict[str, Any]:
        """What the district's region pushed to it, locked or open to fork."""
        district = str(district_id)
        templates = queries.received_by_district(uow=uow(), actor=actor(), district_id=district)
        return {"org_id": district, "templates": templates}
