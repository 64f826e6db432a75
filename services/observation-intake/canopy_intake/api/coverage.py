"""Coverage: who was observed, and visits per observer against the district's target."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_intake.api.caller import actor, uow
from canopy_intake.schemas.coverage import CoverageArgs, CoverageOut, TargetIn, TargetOut
from canopy_intake.services import coverage
from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint

blp = Blueprint(
    "coverage",
    __name__,
    url_prefix="/v1/coverage",
    description="Which rostered teachers were observed in a window (this term by default) and "
    "visits per observer against the district's weekly target, per school. By ids: people's "
    "names are tenancy's roster's. District roles see their district, a principal their school.",
)
READERS = (*DISTRICT_ROLES, Role.SCHOOL_ADMIN)


@blp.route("")
class Coverage(MethodView):
    @require_roles(*READERS)
    @blp.arguments(CoverageArgs, location="query")
    @blp.response(200, CoverageOut)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Every rostered teacher of your schools with their walkthroughs in the window (0: not
        observed) and their latest visit; each observer's visits per school; the target. A
        principal asking for another school is refused (403)."""
        school_id = args.get("school_id")
        return coverage.coverage(
            uow=uow(),
            actor=actor(),
            first=args.get("first"),
            last=args.get("last"),
            school_id=str(school_id) if school_id else None,
        )


@blp.route("/target")
class Target(MethodView):
    @require_roles(*READERS)
    @blp.response(200, TargetOut)
    def get(self) -> dict[str, Any]:
        """The walkthroughs your district expects of each observer per week (null: none set)."""
        return coverage.get_target(uow=uow(), actor=actor())

    @require_roles(*DISTRICT_ROLES)
    @blp.arguments(TargetIn)
    @blp.response(200, TargetOut)
    def put(self, body: dict[str, Any]) -> dict[str, Any]:
        """Set your district's weekly target per observer."""
        return coverage.set_target(
            uow=uow(), actor=actor(), weekly_visits_per_observer=body["weekly_visits_per_observer"]
        )
