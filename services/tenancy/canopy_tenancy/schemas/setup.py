"""A district's set-up checklist."""

from __future__ import annotations

from marshmallow import Schema, fields

from canopy_tenancy.domain.setup import SetupStep

STEPS = [step.value for step in SetupStep]


class ChecklistItemOut(Schema):
    key = fields.String(dump_only=True, metadata={"enum": STEPS})
    done = fields.Boolean(dump_only=True)
    optional = fields.Boolean(
        dump_only=True, metadata={"description": "a step a district may leave undone"}
    )
    detail = fields.String(dump_only=True, metadata={"description": "the state, in words"})


class SetupOut(Schema):
    district_id = fields.String(dump_only=True)
    steps = fields.List(fields.Nested(ChecklistItemOut), dump_only=True)
    next = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"enum": [*STEPS, None], "description": "the step to do next; null: all done"},
    )
