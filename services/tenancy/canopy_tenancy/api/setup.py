"""A district's set-up checklist: /v1/districts/{id}/setup."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_tenancy.api.http import principal, uow
from canopy_tenancy.schemas.setup import SetupOut
from canopy_tenancy.services import setup

blp = Blueprint(
    "setup",
    __name__,
    url_prefix="/v1",
    description="What a district has set up (schools, roster, staff, observers, region "
    "connection), read from its real state, and what to do next.",
)


@blp.route("/districts/<uuid:district_id>/setup")
class DistrictSetup(MethodView):
    @require_roles(*DISTRICT_ROLES)
    @blp.response(200, SetupOut)
    def get(self, district_id: Any) -> Any:
        """The checklist in order; `next` is the first required step not done, then the
        optional region connection."""
        return setup.district_setup(uow=uow(), principal=principal(), district_id=str(district_id))
