"""Regions, districts and schools."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_tenancy.schemas.pages import PageArgs, PageOut

NAME = validate.Length(min=1, max=200)


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
