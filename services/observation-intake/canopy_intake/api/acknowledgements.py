"""Acknowledgements: the teacher's one answer to a walkthrough shared with them."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_intake.api.caller import actor, uow
from canopy_intake.schemas.acknowledgements import AcknowledgementIn, AcknowledgementOut
from canopy_intake.services import acknowledgements
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint

blp = Blueprint(
    "acknowledgements",
    __name__,
    url_prefix="/v1/walkthroughs",
    description="A teacher acknowledges a walkthrough shared with them, once, with an optional "
    "reply. The observer, the principal and the district see it on the walkthrough "
    "(`acknowledgement`); it stays in this service, like the walkthrough.",
)


@blp.route("/<uuid:observation_id>/acknowledgement")
class WalkthroughAcknowledgement(MethodView):
    @require_roles(Role.TEACHER)
    @blp.arguments(AcknowledgementIn)
    @blp.response(201, AcknowledgementOut)
    def post(self, body: dict[str, Any], observation_id: Any) -> dict[str, Any]:
        """Acknowledge a walkthrough of yourself that was shared with you, with an optional
        reply. Once only: a second answer is a 409 (`acknowledged_once`); a walkthrough not
        shared with you is a 404."""
        return acknowledgements.acknowledge(
            uow=uow(), actor=actor(), observation_id=str(observation_id), reply=body.get("reply")
        )
