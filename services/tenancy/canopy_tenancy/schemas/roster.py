"""The teacher roster and OneRoster imports."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from canopy_tenancy.schemas.pages import PageArgs, PageOut

PERSON_NAME = validate.Length(min=1, max=100)
ORGS_CSV_MAX_CHARS = 20_000_000
USERS_CSV_MAX_CHARS = 50_000_000
# A roster import is the largest body tenancy takes: both files, JSON-escaped, and some slack.
MAX_BODY_BYTES = 80 * 1024 * 1024


def _sorted_ids(obj: Any) -> list[str]:
    return sorted(obj.school_ids)


class TeacherIn(Schema):
    given_name = fields.String(required=True, validate=PERSON_NAME)
    family_name = fields.String(required=True, validate=PERSON_NAME)
    email = fields.Email(validate=validate.Length(max=254))
    school_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1))


class TeacherPatchIn(Schema):
    given_name = fields.String(validate=PERSON_NAME)
    family_name = fields.String(validate=PERSON_NAME)
    email = fields.Email(validate=validate.Length(max=254))
    school_ids = fields.List(fields.UUID(), validate=validate.Length(min=1))


class TeacherOut(Schema):
    id = fields.String(dump_only=True)
    district_id = fields.String(dump_only=True)
    source_id = fields.String(dump_only=True, allow_none=True)
    given_name = fields.String(dump_only=True)
    family_name = fields.String(dump_only=True)
    email = fields.String(dump_only=True, allow_none=True)
    school_ids = fields.Function(_sorted_ids, dump_only=True)
    removed_at = fields.DateTime(dump_only=True, allow_none=True)


class TeacherListArgs(PageArgs):
    school_id = fields.UUID()
    search = fields.String(validate=validate.Length(min=1, max=100))
    include_removed = fields.Boolean(load_default=False)


class TeacherPageOut(PageOut):
    items = fields.List(fields.Nested(TeacherOut), dump_only=True)


class RosterImportIn(Schema):
    orgs_csv = fields.String(required=True, validate=validate.Length(max=ORGS_CSV_MAX_CHARS))
    users_csv = fields.String(required=True, validate=validate.Length(max=USERS_CSV_MAX_CHARS))
    dry_run = fields.Boolean(load_default=False)


class RowErrorOut(Schema):
    file = fields.String()
    line = fields.Integer()
    source_id = fields.String(allow_none=True)
    field = fields.String(allow_none=True)
    message = fields.String()


class RosterReportOut(Schema):
    summary = fields.Dict(keys=fields.String(), values=fields.Integer())
    errors = fields.List(fields.Nested(RowErrorOut))


class RosterImportOut(Schema):
    id = fields.String(dump_only=True)
    district_id = fields.String(dump_only=True)
    imported_by = fields.String(dump_only=True)
    imported_at = fields.DateTime(dump_only=True)
    dry_run = fields.Boolean(dump_only=True)
    applied = fields.Boolean(dump_only=True)
    report = fields.Nested(RosterReportOut, dump_only=True)


class ImportRowOut(Schema):
    file = fields.String()
    line = fields.Integer()
    source_id = fields.String(allow_none=True)
    outcome = fields.String(
        metadata={"enum": ["added", "changed", "removed", "rejected"]},
    )
    name = fields.String(allow_none=True)
    detail = fields.String(metadata={"description": "what changes, or why the row is rejected"})
    field = fields.String(allow_none=True)


class RosterReportDetailOut(RosterReportOut):
    rows = fields.List(
        fields.Nested(ImportRowOut),
        metadata={
            "description": "each added, changed, removed or rejected row, by file and line "
            "(unchanged rows are only counted); absent from reports made before rows were listed"
        },
    )
    rows_omitted = fields.Integer(metadata={"description": "rows beyond the listed ones"})


class RosterImportDetailOut(RosterImportOut):
    report = fields.Nested(RosterReportDetailOut, dump_only=True)


class RosterImportPageOut(PageOut):
    items = fields.List(fields.Nested(RosterImportOut), dump_only=True)
