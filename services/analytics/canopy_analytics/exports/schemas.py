"""HTTP schemas of the export API: strict input (unknown fields refused), server fields
dump-only."""

from __future__ import annotations

import json
from typing import Any

from marshmallow import Schema, fields, validate

from canopy_analytics.exports.parameters import FORMATS, ExportParameters
from canopy_analytics.exports.schedules import CADENCES, OFF

PERIOD = r"^(week:\d{4}-\d{2}-\d{2}|month:\d{4}-\d{2}|school_year:\d{4}-\d{4})$"


class ExportRequestSchema(Schema):
    period = fields.String(
        validate=validate.Regexp(PERIOD),
        metadata={
            "description": "week:<Monday> | month:<YYYY-MM> | school_year:<YYYY-YYYY>; "
            "default: the latest school year"
        },
    )
    templates = fields.List(
        fields.UUID(), load_default=list, metadata={"description": "default: all with data"}
    )
    districts = fields.List(
        fields.UUID(), load_default=list, metadata={"description": "default: all in scope"}
    )
    formats = fields.List(
        fields.String(validate=validate.OneOf(FORMATS)),
        load_default=lambda: list(FORMATS),
        validate=validate.Length(min=1),
    )
    publish_to_partners = fields.Boolean(
        load_default=False,
        metadata={
            "description": "region_admin only: also send the aggregate snapshot to "
            "exports.region.<region_id>.v1"
        },
    )


class ScheduleRequestSchema(Schema):
    cadence = fields.String(required=True, validate=validate.OneOf((*CADENCES, OFF)))
    period = fields.String(validate=validate.Regexp(PERIOD))
    templates = fields.List(fields.UUID(), load_default=list)
    districts = fields.List(fields.UUID(), load_default=list)


def parameters_from(data: dict[str, Any]) -> ExportParameters:
    return ExportParameters(
        period=data.get("period"),
        templates=tuple(str(t) for t in data.get("templates", ())),
        districts=tuple(str(d) for d in data.get("districts", ())),
        formats=tuple(dict.fromkeys(data.get("formats", ()))),
        publish_to_partners=data.get("publish_to_partners", False),
    )


class ExportFileSchema(Schema):
    format = fields.String()
    filename = fields.String()
    bytes = fields.Integer()
    sha256 = fields.String()
    download = fields.String()


class ExportJobSchema(Schema):
    export_id = fields.String(dump_only=True)
    status = fields.String(
        dump_only=True, metadata={"description": "queued|running|succeeded|failed"}
    )
    progress = fields.Integer(dump_only=True, metadata={"description": "0..100"})
    step = fields.String(dump_only=True)
    trigger = fields.String(dump_only=True)
    org = fields.Method("_org", dump_only=True)
    requested_by = fields.String(dump_only=True)
    requested_role = fields.String(dump_only=True)
    requested_at = fields.DateTime(dump_only=True)
    started_at = fields.DateTime(dump_only=True, allow_none=True)
    finished_at = fields.DateTime(dump_only=True, allow_none=True)
    published_at = fields.DateTime(dump_only=True, allow_none=True)
    snapshot_id = fields.String(dump_only=True, allow_none=True)
    parameters = fields.Method("_parameters", dump_only=True)
    files = fields.Method("_files", dump_only=True)
    error = fields.String(dump_only=True, allow_none=True)
    privacy_rule = fields.Constant("/v1/privacy-rule", dump_only=True)

    def _org(self, row: dict[str, Any]) -> str:
        return f"{row['org_tier']}:{row['org_id']}"

    def _parameters(self, row: dict[str, Any]) -> dict[str, Any]:
        return ExportParameters.from_json(row["parameters"]).public()

    def _files(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for f in json.loads(row["files"]):
            url = f"/v1/exports/{row['export_id']}/download?format={f['format']}"
            out.append({**f, "download": url})
        return out


class ExportListSchema(Schema):
    exports = fields.List(fields.Nested(ExportJobSchema))


class DownloadQuery(Schema):
    format = fields.String(validate=validate.OneOf(FORMATS))


class ScheduleSchema(Schema):
    region_id = fields.String(dump_only=True)
    cadence = fields.String(dump_only=True)
    topic = fields.Method("_topic", dump_only=True)
    parameters = fields.Method("_parameters", dump_only=True)
    set_by = fields.String(dump_only=True)
    set_at = fields.DateTime(dump_only=True)
    next_run_at = fields.DateTime(dump_only=True, allow_none=True)
    last_run_at = fields.DateTime(dump_only=True, allow_none=True)
    last_export_id = fields.String(dump_only=True, allow_none=True)

    def _topic(self, row: dict[str, Any]) -> str:
        return f"exports.region.{row['region_id']}.v1"

    def _parameters(self, row: dict[str, Any]) -> dict[str, Any]:
        params = ExportParameters.from_json(row["parameters"]).public()
        return {k: params[k] for k in ("period", "templates", "districts")}
