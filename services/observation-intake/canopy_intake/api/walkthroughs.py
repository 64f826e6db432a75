"""Walkthroughs: submit one, sync a batch, list and fetch them with names, share one with its
teacher."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_intake.adapters.repositories import Filters
from canopy_intake.api.caller import actor, unit_of_work_factory, uow
from canopy_intake.schemas.walkthroughs import (
    BatchIn,
    BatchOut,
    ListArgs,
    ShareIn,
    WalkthroughIn,
    WalkthroughOut,
    WalkthroughPage,
)
from canopy_intake.services import batch, submission, walkthroughs
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_shared.web.errors import error_response

blp = Blueprint(
    "walkthroughs",
    __name__,
    url_prefix="/v1/walkthroughs",
    description="Walkthroughs in from observers (one at a time or a device's batch), and the "
    "district's and school's own views of them with names. Refusals name the field and rule.",
)
SUBMITTERS = (Role.OBSERVER, Role.SCHOOL_ADMIN, Role.REGION_COACH)
READERS = (
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_LEADER,
    Role.SCHOOL_ADMIN,
    Role.OBSERVER,
    Role.REGION_COACH,
    Role.TEACHER,
)
SHARERS = (
    Role.OBSERVER,
    Role.REGION_COACH,
    Role.SCHOOL_ADMIN,
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_LEADER,
)


@blp.route("")
class Walkthroughs(MethodView):
    @require_roles(*SUBMITTERS)
    @blp.arguments(WalkthroughIn)
    @blp.response(201, WalkthroughOut)
    @blp.alt_response(200, schema=WalkthroughOut, description="Same id, same content: stored.")
    def post(self, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """Submit a walkthrough you ran. Validated against the template version your school
        may use now, its roster and your observer assignments (a region coach: the schools a
        district of your region assigned you to; the walkthrough is that district's).
        Retrying with the same `observation_id` and content answers 200 with what was stored;
        the same id with different content is a 409."""
        outcome = submission.submit(uow=uow(), actor=actor(), walkthrough=body)
        return outcome.walkthrough, 201 if outcome.created else 200

    @require_roles(*READERS)
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, WalkthroughPage)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Walkthroughs in your scope, newest first: district roles their district's, school
        admins their school's, observers and region coaches their own, teachers their own once
        shared. Each carries the teacher's acknowledgement once given."""
        limit, offset = args.pop("limit"), args.pop("offset")
        return walkthroughs.list_walkthroughs(
            uow=uow(), actor=actor(), filters=Filters(**args), limit=limit, offset=offset
        )


@blp.route("/batch")
class WalkthroughBatch(MethodView):
    @require_roles(*SUBMITTERS)
    @blp.arguments(BatchIn)
    @blp.response(200, BatchOut)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Sync many walkthroughs (an offline device). Each is handled as by POST
        /v1/walkthroughs on its own: good ones are stored whatever happens to the others, and
        each result carries the status and error that endpoint would answer."""
        return batch.submit_many(
            unit_of_work=unit_of_work_factory(),
            actor=actor(),
            items=body["walkthroughs"],
            schema=WalkthroughIn(),
            error_body=error_response,
        )


@blp.route("/<uuid:observation_id>")
class OneWalkthrough(MethodView):
    @require_roles(*READERS)
    @blp.response(200, WalkthroughOut)
    def get(self, observation_id: Any) -> dict[str, Any]:
        """One walkthrough in your scope, with names."""
        return walkthroughs.get_walkthrough(
            uow=uow(), actor=actor(), observation_id=str(observation_id)
        )


@blp.route("/<uuid:observation_id>/sharing")
class Sharing(MethodView):
    @require_roles(*SHARERS)
    @blp.arguments(ShareIn)
    @blp.response(200, WalkthroughOut)
    def put(self, body: dict[str, Any], observation_id: Any) -> dict[str, Any]:
        """Show the walkthrough to the teacher it is about, or stop showing it."""
        return walkthroughs.set_shared(
            uow=uow(), actor=actor(), observation_id=str(observation_id), shared=body["shared"]
        )
