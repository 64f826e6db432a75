"""Accounts and observer assignments."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_shared.contracts.vocabulary import Role
from canopy_tenancy.domain.auth import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from canopy_tenancy.schemas.pages import PageArgs, PageOut

PASSWORD = validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH)


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
    role = fields.Enum(Role, by_value=True)
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
    search = fields.String(
        validate=validate.Length(min=1, max=100),
        metadata={"description": "part of the display name or email, any case"},
    )
    active = fields.Boolean(metadata={"description": "only active (true) or deactivated (false)"})


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
