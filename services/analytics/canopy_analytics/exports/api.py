"""The export API: request an export (202 + job), follow its progress, list, download; and the
region admin's partner snapshot schedule. Load -> use case -> dump."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import request, send_file
from flask.views import MethodView
from marshmallow import RAISE

from canopy_analytics.bootstrap import Dependencies
from canopy_analytics.exports.schemas import (
    DownloadQuery,
    ExportJobSchema,
    ExportListSchema,
    ExportRequestSchema,
    ScheduleRequestSchema,
    ScheduleSchema,
    parameters_from,
)
from canopy_analytics.exports.service import ExportService
from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, REGION_ROLES, Role
from canopy_shared.web.auth import current_principal, require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_shared.web.dependencies import current_dependencies
from canopy_shared.web.errors import NotFound, Unprocessable

# Exports are for the region's admin and leader and the district's staff; a region coach
# observes at schools and reads the suppressed figures on screen only.
REGION_READERS = sorted(REGION_ROLES - {Role.REGION_COACH})
READERS = sorted({*REGION_READERS, *DISTRICT_ROLES})
blp = Blueprint(
    "exports",
    __name__,
    url_prefix="/v1",
    description="Grant and compliance exports (CSV zip, XLSX, PDF, Ed-Fi-shaped JSON) built from "
    "the same suppressed answers as the analytics API, run in the background; and partner "
    "snapshots on exports.region.<region_id>.v1. Every export states the privacy rule "
    "(GET /v1/privacy-rule) and records who asked, when and with which parameters.",
)


def _service() -> ExportService:
    return current_dependencies(Dependencies).exports.service


def json_object_body(view: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse a body that is not a JSON object before it is loaded: an empty or non-JSON body
    would otherwise load as `{}` and start an export nobody described."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        body = request.get_json(silent=True) if request.is_json else None
        if not isinstance(body, dict):
            raise Unprocessable(
                "the request body must be a JSON object (Content-Type: application/json)",
                field="body",
                rule='a JSON object, e.g. {"period": "school_year:2026-2027"}',
            )
        return view(*args, **kwargs)

    return checked


@blp.route("/exports")
class Exports(MethodView):
    @require_roles(*READERS)
    @json_object_body
    @blp.arguments(ExportRequestSchema, unknown=RAISE)
    @blp.response(202, ExportJobSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Request an export of your region (region roles) or district (district roles)."""
        return _service().request(current_principal(), parameters_from(data))

    @require_roles(*READERS)
    @blp.response(200, ExportListSchema)
    def get(self) -> dict[str, Any]:
        """Your organisation's exports, newest first."""
        return {"exports": _service().list(current_principal())}


@blp.route("/exports/<export_id>")
@require_roles(*READERS)
@blp.response(200, ExportJobSchema)
def export_job(export_id: str) -> dict[str, Any]:
    """Status, progress, parameters, requester and files of one export."""
    return _service().get(current_principal(), export_id)


@blp.route("/exports/<export_id>/download")
@require_roles(*READERS)
@blp.arguments(DownloadQuery, location="query", unknown=RAISE)
@blp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type="application/octet-stream",
    description="The file, as an attachment (zip, xlsx, pdf or json by its format).",
)
def download(args: dict[str, Any], export_id: str) -> Any:
    """One file of a finished export (`format` may be left out when it has one file)."""
    path, media_type = _service().download(current_principal(), export_id, args.get("format"))
    if not path.is_file():
        raise NotFound(f"the file of export {export_id} is no longer stored", field="export_id")
    return send_file(path, mimetype=media_type, as_attachment=True, download_name=path.name)


@blp.route("/export-schedules")
class Schedules(MethodView):
    @require_roles(Role.REGION_ADMIN)
    @json_object_body
    @blp.arguments(ScheduleRequestSchema, unknown=RAISE)
    @blp.response(200, ScheduleSchema)
    def put(self, data: dict[str, Any]) -> dict[str, Any]:
        """Set how often your region's snapshot goes to exports.region.<region_id>.v1."""
        params = parameters_from({**data, "formats": []})
        return _service().set_schedule(current_principal(), data["cadence"], params)

    @require_roles(*REGION_READERS)
    @blp.response(200, ScheduleSchema)
    def get(self) -> dict[str, Any]:
        """Your region's partner snapshot schedule."""
        schedule = _service().schedule(current_principal())
        if schedule is None:
            raise NotFound("no partner schedule set", rule="PUT /v1/export-schedules")
        return schedule
