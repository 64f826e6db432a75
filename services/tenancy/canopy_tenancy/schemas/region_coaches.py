"""Region coaches as a district sees them."""

from __future__ import annotations

from marshmallow import Schema, fields

from canopy_tenancy.schemas.pages import PageOut


class RegionCoachOut(Schema):
    user_id = fields.String(dump_only=True)
    display_name = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    active = fields.Boolean(dump_only=True)
    school_ids = fields.List(
        fields.String(),
        dump_only=True,
        metadata={"description": "The district's schools the coach may observe at now."},
    )


class RegionCoachPageOut(PageOut):
    items = fields.List(fields.Nested(RegionCoachOut), dump_only=True)
