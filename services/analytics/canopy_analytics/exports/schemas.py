"""HTTP schemas of the export API: strict input (unknown fields refused), server fields
dump-only."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_dump, validate

from canopy_analytics.domain.periods import PERIOD_HELP
from canopy_analytics.exports.jobs import failures_of, files_of
from canopy_analytics.exports.parameters import FORMATS, ExportParameters
from canopy_analytics.exports.schedules import CADENCES, OFF
from canopy_analytics.schemas.periods import period_param
from canopy_shared.contracts.fields import UtcDateTime


class ExportRequestSchema(Schema):
    period = period_param(f"{PERIOD_HELP}; default: the latest school year")
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
    period = period_param(f"{PERIOD_HELP}; default: the latest school year")
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
    format = fields.String(required=True, validate=validate.OneOf(FORMATS))
    filename = fields.String(required=True)
    bytes = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    download = fields.String(required=True, metadata={"description": "the file's download URL"})


class FormatFailureSchema(Schema):
    format = fields.String(required=True, validate=validate.OneOf(FORMATS))
    error = fields.String(required=True, metadata={"description": "why it could not be built"})


class SnapshotParametersSchema(Schema):
    period = fields.String(required=True, allow_none=True)
    templates = fields.List(fields.String(), required=True)
    districts = fields.List(fields.String(), required=True)


class ExportParametersSchema(SnapshotParametersSchema):
    formats = fields.List(fields.String(validate=validate.OneOf(FORMATS)), required=True)
    publish_to_partners = fields.Boolean(required=True)


class ExportJobSchema(Schema):
    """A job row as shown: `org`, `parameters` and `files` are derived from its columns."""

    export_id = fields.String(dump_only=True, required=True)
    status = fields.String(
        dump_only=True,
        required=True,
        validate=validate.OneOf(("queued", "running", "succeeded", "failed")),
    )
    progress = fields.Integer(dump_only=True, required=True, metadata={"description": "0..100"})
    step = fields.String(dump_only=True, required=True)
    trigger = fields.String(dump_only=True, required=True)
    org = fields.String(
        dump_only=True, required=True, metadata={"description": "region:<id> | district:<id>"}
    )
    requested_by = fields.String(dump_only=True, required=True)
    requested_role = fields.String(dump_only=True, required=True)
    requested_at = UtcDateTime(dump_only=True, required=True)
    started_at = UtcDateTime(dump_only=True, required=True, allow_none=True)
    finished_at = UtcDateTime(dump_only=True, required=True, allow_none=True)
    published_at = UtcDateTime(dump_only=True, required=True, allow_none=True)
    snapshot_id = fields.String(dump_only=True, required=True, allow_none=True)
    parameters = fields.Nested(ExportParametersSchema, dump_only=True, required=True)
    files = fields.List(fields.Nested(ExportFileSchema), dump_only=True, required=True)
    failed_formats = fields.List(
        fields.Nested(FormatFailureSchema),
        dump_only=True,
        required=True,
        metadata={
            "description": "formats that could not be built, and why; the others are in "
            "`files` (the export fails only when no format could be built)"
        },
    )
    error = fields.String(
        dump_only=True,
        required=True,
        allow_none=True,
        metadata={"description": "why the export, or some of its formats, failed"},
    )
    privacy_rule = fields.Constant("/v1/privacy-rule", dump_only=True, required=True)

    @pre_dump
    def _derived(self, row: dict[str, Any], **_: Any) -> dict[str, Any]:
        files = [
            {**f, "download": f"/v1/exports/{row['export_id']}/download?format={f['format']}"}
            for f in files_of(row)
        ]
        return {
            **row,
            "org": f"{row['org_tier']}:{row['org_id']}",
            "parameters": ExportParameters.from_json(row["parameters"]).public(),
            "files": files,
            "failed_formats": failures_of(row),
        }


class ExportListSchema(Schema):
    exports = fields.List(fields.Nested(ExportJobSchema), required=True)


class DownloadQuery(Schema):
    format = fields.String(validate=validate.OneOf(FORMATS))


class ScheduleSchema(Schema):
    """A schedule row as shown: `topic` and `parameters` are derived from its columns."""

    region_id = fields.String(dump_only=True, required=True)
    cadence = fields.String(
        dump_only=True, required=True, validate=validate.OneOf((*CADENCES, OFF))
    )
    topic = fields.String(
        dump_only=True, required=True, metadata={"description": "exports.region.<region_id>.v1"}
    )
    parameters = fields.Nested(SnapshotParametersSchema, dump_only=True, required=True)
    set_by = fields.String(dump_only=True, required=True)
    set_at = UtcDateTime(dump_only=True, required=True)
    next_run_at = UtcDateTime(dump_only=True, required=True, allow_none=True)
    last_run_at = UtcDateTime(dump_only=True, required=True, allow_none=True)
    last_export_id = fields.String(dump_only=True, required=True, allow_none=True)

    @pre_dump
    def _derived(self, row: dict[str, Any], **_: Any) -> dict[str, Any]:
        params = ExportParameters.from_json(row["parameters"]).public()
        return {
            **row,
            "topic": f"exports.region.{row['region_id']}.v1",
            "parameters": {k: params[k] for k in ("period", "templates", "districts")},
        }
