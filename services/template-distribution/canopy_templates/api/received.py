"""What receivers may use now: a school's usable templates, a district's received templates."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_templates.api.caller import actor, uow
from canopy_templates.schemas import ReceivedListOut
from canopy_templates.services import received

blp = Blueprint(
    "received",
    __name__,
    url_prefix="/v1",
    description="What each school's observers may use now (pushed by the region, by the "
    "district, and the school's own), and what a district's region pushed to it.",
)
SCHOOL_READERS = (
    Role.SCHOOL_ADMIN,
    Role.OBSERVER,
    Role.REGION_COACH,
    Role.TEACHER,
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_LEADER,
)


@blp.route("/schools/<uuid:school_id>/templates")
class SchoolTemplates(MethodView):
    @require_roles(*SCHOOL_READERS)
    @blp.response(200, ReceivedListOut)
    def get(self, school_id: Any) -> dict[str, Any]:
        """The template versions this school's observers may use now (region-pushed,
        district-pushed and the school's own), with the full content to render offline."""
        school = str(school_id)
        templates = received.usable_at_school(uow=uow(), actor=actor(), school_id=school)
        return {"org_id": school, "templates": templates}


@blp.route("/districts/<uuid:district_id>/received-templates")
class DistrictReceived(MethodView):
    @require_roles(Role.DISTRICT_ADMIN, Role.DISTRICT_LEADER)
    @blp.response(200, ReceivedListOut)
    def get(self, district_id: Any) -> dict[str, Any]:
        """What the district's region pushed to it, locked or open to fork."""
        district = str(district_id)
        templates = received.received_by_district(uow=uow(), actor=actor(), district_id=district)
        return {"org_id": district, "templates": templates}
