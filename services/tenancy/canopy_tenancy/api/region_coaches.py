"""Region coaches a district may assign: /v1/districts/{id}/region-coaches. Assigning and
revoking are the observer assignments (`PUT`/`DELETE /v1/schools/{id}/observers/{user_id}`)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_tenancy.api.http import page_body, page_request, principal, uow
from canopy_tenancy.schemas.pages import PageArgs
from canopy_tenancy.schemas.region_coaches import RegionCoachPageOut
from canopy_tenancy.services import region_coaches

blp = Blueprint(
    "region_coaches",
    __name__,
    url_prefix="/v1",
    description="Instructional coaches employed by the region a district is connected to. The "
    "district admin assigns a coach to chosen schools with PUT /v1/schools/{school_id}/"
    "observers/{user_id} and revokes it with DELETE; the coach then submits walkthroughs at "
    "those schools only, and they are the district's data.",
)


@blp.route("/districts/<uuid:district_id>/region-coaches")
class RegionCoaches(MethodView):
    @require_roles(*sorted(DISTRICT_ROLES))
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, RegionCoachPageOut)
    def get(self, args: dict[str, Any], district_id: Any) -> Any:
        """The connected region's coaches, each with the district's schools they are assigned
        to now (an empty list for a district not connected to a region)."""
        found = region_coaches.list_region_coaches(
            uow=uow(),
            principal=principal(),
            district_id=str(district_id),
            page=page_request(args),
        )
        return page_body(found)
