"""HTTP schemas for sign-in, organisations and connections: strict input (unknown fields are
refused), server-set fields dump-only. People and roster schemas are in `schemas_people.py`."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_tenancy.domain.connections import ConnectionStatus

NAME = validate.Length(min=1, max=200)


class PageArgs(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class PageOut(Schema):
    total = fields.Integer(dump_only=True)
    limit = fields.Integer(dump_only=True)
    offset = fields.Integer(dump_only=True)


class TokenIn(Schema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=128))


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class JwksOut(Schema):
    keys = fields.List(fields.Dict())


class NameIn(Schema):
    name = fields.String(required=True, validate=NAME)


class OrgOut(Schema):
    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class RegionOut(OrgOut):
    pass


class DistrictOut(OrgOut):
    region_id = fields.String(dump_only=True, allow_none=True)


class SchoolOut(OrgOut):
    district_id = fields.String(dump_only=True)
    source_id = fields.String(dump_only=True, allow_none=True)


class SchoolIn(NameIn):
    district_id = fields.UUID(required=True)


class DistrictListArgs(PageArgs):
    region_id = fields.UUID()


class SchoolListArgs(PageArgs):
    district_id = fields.UUID()


class DistrictPageOut(PageOut):
    items = fields.List(fields.Nested(DistrictOut), dump_only=True)


class SchoolPageOut(PageOut):
    items = fields.List(fields.Nested(SchoolOut), dump_only=True)


class InviteIn(Schema):
    district_id = fields.UUID(required=True)
    agreement_text = fields.String(required=True, validate=validate.Length(min=1, max=100_000))
    agreement_version = fields.String(required=True, validate=validate.Length(min=1, max=64))


class AcceptIn(Schema):
    agreement_version = fields.String(required=True, validate=validate.Length(min=1, max=64))


class EmptyIn(Schema):
    pass


class ConnectionOut(Schema):
    id = fields.String(dump_only=True)
    region_id = fields.String(dump_only=True)
    district_id = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    agreement_text = fields.String(dump_only=True)
    agreement_version = fields.String(dump_only=True)
    invited_by = fields.String(dump_only=True)
    invited_at = fields.DateTime(dump_only=True)
    responded_by = fields.String(dump_only=True, allow_none=True)
    responded_at = fields.DateTime(dump_only=True, allow_none=True)
    ended_by = fields.String(dump_only=True, allow_none=True)
    ended_at = fields.DateTime(dump_only=True, allow_none=True)


class ConnectionListArgs(PageArgs):
    status = fields.Enum(ConnectionStatus, by_value=True)
    region_id = fields.UUID()
    district_id = fields.UUID()


class ConnectionPageOut(PageOut):
    items = fields.List(fields.Nested(ConnectionOut), dump_only=True)
