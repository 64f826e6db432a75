"""HTTP schemas of replays downstream."""

from __future__ import annotations

from marshmallow import Schema, fields

from canopy_shared.contracts.fields import UuidString


class ReplayIn(Schema):
    first = fields.Date(required=True, data_key="from")
    last = fields.Date(required=True, data_key="to")
    district_id = UuidString(metadata={"description": "Defaults to your own district."})


class ReplayOut(Schema):
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    district_id = fields.String(allow_none=True)
    walkthroughs = fields.Integer()
    requeued = fields.Integer()
    rebuilt = fields.Integer()
