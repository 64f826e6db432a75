"""HTTP schemas for users, observer assignments and the teacher roster."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from canopy_shared.contracts.vocabulary import Role
from canopy_tenancy.domain.auth import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from canopy_tenancy.schemas import PageArgs, PageOut

PASSWORD = validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH)
PERSON_NAME = validate.Length(min=1, max=100)


def _sorted_ids(obj: Any) -> list[str]:
    return sorted(obj.school_ids)


class UserIn(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    role = fields.Enum(Role, by_value=True, required=True)
    org_id = fields.UUID(required=True)
    password = fields.String(load_only=True, validate=PASSWORD)
    teacher_id = fields.UUID()


class UserPatchIn(Schema):
    display_name = fields.String(validate=validate.Length(min=1, max=200))
    active = fields.Boolean()
    password = fields.String(load_only=True, validate=PASSWORD)


class UserOut(Schema):
    id = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    display_name = fields.String(dump_only=True)
    role = fields.String(dump_only=True)
    org_id = fields.String(dump_only=True)
    org_tier = fields.String(dump_only=True)
    district_id = fields.String(dump_only=True, allow_none=True)
    teacher_id = fields.String(dump_only=True, allow_none=True)
    active = fields.Boolean(dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class CreatedUserOut(Schema):
    user = fields.Nested(UserOut, dump_only=True)
    # Present only when tenancy generated the password: shown this once, never stored in clear.
    generated_password = fields.String(dump_only=True, allow_none=True)


class UserListArgs(PageArgs):
    org_id = fields.UUID()
    role = fields.Enum(Role, by_value=True)


class UserPageOut(PageOut):
    items = fields.List(fields.Nested(UserOut), dump_only=True)


class ObserverOut(Schema):
    user_id = fields.String(dump_only=True)
    school_id = fields.String(dump_only=True)
    district_id = fields.String(dump_only=True)
    assigned_by = fields.String(dump_only=True)
    assigned_at = fields.DateTime(dump_only=True)


class ObserverPageOut(PageOut):
    items = fields.List(fields.Nested(ObserverOut), dump_only=True)


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
    orgs_csv = fields.String(required=True, validate=validate.Length(max=20_000_000))
    users_csv = fields.String(required=True, validate=validate.Length(max=50_000_000))
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


class RosterImportPageOut(PageOut):
    items = fields.List(fields.Nested(RosterImportOut), dump_only=True)
