"""Replays: re-publish a period's walkthroughs downstream (same ids, counted once)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_intake.api.caller import actor, uow
from canopy_intake.schemas.replays import ReplayIn, ReplayOut
from canopy_intake.services import replays
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint

blp = Blueprint(
    "replays",
    __name__,
    url_prefix="/v1/replays",
    description="Rebuild downstream (anonymizer, analytics) after a broker loss or a rule change.",
)


@blp.route("")
class Replays(MethodView):
    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(ReplayIn)
    @blp.response(202, ReplayOut)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Re-publish your district's walkthroughs observed from `from` to `to` (school-local
        days, inclusive) with their original event and observation ids, so every consumer
        downstream counts each once. Operators use `python -m canopy_intake replay`."""
        return replays.replay_for(uow=uow(), actor=actor(), **body)
