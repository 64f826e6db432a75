"""`goals.events.v1`: improvement goals set at the region, district and school tiers.

Produced only by analytics (which owns goals: they are measured on its facts, through its
privacy rule) through its outbox, in the same transaction that stores the goal. A goal is not
about any person: it names look-fors (indicator keys), a target, dates, an owner (a role or
name the organisation chose to show, e.g. "Director of Teaching and Learning") and a rationale.
Progress figures are NOT on this topic: they depend on who reads them (a region sees
small-cell-suppressed figures) and reach partners in the region's export snapshots.

`goal.set`: a goal was set; `parent_goal_id` + `alignment` record a district adopting
("adopted": same target) or adapting ("adapted": its own target) a region goal, or a school
aligning to a district goal.

Versioning: within v1 only optional fields are added; a breaking change is `goals.events.v2`.
The JSON Schema of the payload is `goals_events_v1.schema.json` beside this module.
"""

from __future__ import annotations

from marshmallow import fields, validate

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import IsoDate, Key, StrictNestedMixin, Timestamp, UuidString

GOAL_SET = "goal.set"
TIERS = ("region", "district", "school")
ALIGNMENTS = ("own", "adopted", "adapted")


class GoalSetPayload(StrictNestedMixin, PayloadSchema):
    goal_id = UuidString(required=True)
    tier = fields.String(required=True, validate=validate.OneOf(TIERS))
    org_id = UuidString(required=True)  # the region, district or school that owns the goal
    region_id = UuidString(required=True, allow_none=True)
    district_id = UuidString(required=True, allow_none=True)  # district and school goals
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    template_id = UuidString(required=True)
    look_fors = fields.List(
        Key(), required=True, validate=validate.Length(min=1, max=10)
    )  # indicator keys, stable across the template's versions
    target_level = fields.Integer(required=True, strict=True)
    target_share = fields.Float(required=True, validate=validate.Range(0, 1, min_inclusive=False))
    start_date = IsoDate(required=True)
    deadline = IsoDate(required=True)
    benchmarks = fields.List(IsoDate(), required=True, validate=validate.Length(min=1))
    owner = fields.String(required=True, validate=validate.Length(min=1, max=200))
    rationale = fields.String(required=True, validate=validate.Length(max=2000))
    parent_goal_id = UuidString(required=True, allow_none=True)
    alignment = fields.String(required=True, validate=validate.OneOf(ALIGNMENTS))
    set_at = Timestamp(required=True)


class GoalsEventsV1(EnvelopeSchema):
    PAYLOADS = {GOAL_SET: GoalSetPayload}
