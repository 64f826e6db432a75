"""Paging arguments and the envelope of every list answer."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_shared.web.request_limits import MAX_OFFSET


class PageArgs(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET))


class PageOut(Schema):
    total = fields.Integer(dump_only=True)
    limit = fields.Integer(dump_only=True)
    offset = fields.Integer(dump_only=True)
