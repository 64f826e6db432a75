"""Region <-> district connections and their history."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_tenancy.domain.connections import ConnectionStatus
from canopy_tenancy.schemas.pages import PageArgs, PageOut


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
    region_name = fields.String(dump_only=True, allow_none=True)
    region_will_see = fields.List(
        fields.String(),
        dump_only=True,
        metadata={"description": "what the district shares with the region, in words"},
    )
    region_will_not_see = fields.List(
        fields.String(),
        dump_only=True,
        metadata={"description": "what the region never sees (trends, not names)"},
    )


class ConnectionListArgs(PageArgs):
    status = fields.Enum(ConnectionStatus, by_value=True)
    region_id = fields.UUID()
    district_id = fields.UUID()


class ConnectionPageOut(PageOut):
    items = fields.List(fields.Nested(ConnectionOut), dump_only=True)
