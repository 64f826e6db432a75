"""HTTP schemas of goals: strict input (a goal without a look-for, a target or a date is a 422
naming the field), described answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_analytics.domain.goals.model import MAX_LOOK_FORS
from canopy_analytics.domain.goals.status import STATUS_RULE
from canopy_analytics.schemas.common import Answer, SuppressionSchema, org_field

_STATUSES = ("on_track", "at_risk", "off_track", "no_data", "suppressed", "upcoming")
_SHARE = validate.Range(0, 1, min_inclusive=False)


class GoalTargetFields(Schema):
    target_level = fields.Integer(
        strict=True, metadata={"description": "a rating counts at or above this level"}
    )
    target_share = fields.Float(
        validate=_SHARE, metadata={"description": "share aimed for, 0 < share <= 1 (0.7 = 70%)"}
    )
    deadline = fields.Date()
    benchmarks = fields.List(
        fields.Date(),
        metadata={"description": "interim check dates; default: every 3 months and the deadline"},
    )
    owner = fields.String(required=True, validate=validate.Length(min=1, max=200))
    rationale = fields.String(validate=validate.Length(max=2000))


class GoalRequest(GoalTargetFields):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    template_id = fields.UUID(required=True)
    look_fors = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=MAX_LOOK_FORS),
        metadata={"description": "indicator keys of the template (stable across versions)"},
    )
    target_level = fields.Integer(required=True, strict=True)
    target_share = fields.Float(required=True, validate=_SHARE)
    start_date = fields.Date(
        required=True, metadata={"description": "the baseline is the data up to it"}
    )
    deadline = fields.Date(required=True)


class AdoptionRequest(GoalTargetFields):
    mode = fields.String(
        required=True,
        validate=validate.OneOf(("adopt", "adapt")),
        metadata={"description": "adopt: the same target; adapt: your own target or deadline"},
    )


class PointSchema(Answer):
    period = fields.String(required=True)
    start = fields.String(required=True)
    end = fields.String(required=True)
    suppressed = fields.Boolean(required=True)
    n = fields.Integer(allow_none=True, metadata={"description": "ratings; null when suppressed"})
    value = fields.Float(allow_none=True, metadata={"description": "0..1; null when not shown"})
    display = fields.String(allow_none=True)


class BenchmarkSchema(Answer):
    date = fields.String(required=True)
    expected = fields.Float(allow_none=True, metadata={"description": "the path's share there"})
    status = fields.String(required=True, validate=validate.OneOf(_STATUSES))
    point = fields.Nested(PointSchema, allow_none=True)


class OrgProgressSchema(Answer):
    org = org_field()
    name = fields.String(required=True)
    baseline = fields.Nested(PointSchema, allow_none=True)
    current = fields.Nested(PointSchema, allow_none=True)
    expected = fields.Float(allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(_STATUSES))
    benchmarks = fields.List(fields.Nested(BenchmarkSchema), required=True)
    series = fields.List(fields.Nested(PointSchema), metadata={"description": "goal page only"})


class LookForSchema(Answer):
    indicator = fields.String(required=True)
    text = fields.String(required=True)


class GoalLinkSchema(Answer):
    goal_id = fields.String(required=True)
    org = org_field()
    org_name = fields.String(required=True)
    title = fields.String(required=True)
    alignment = fields.String(required=True)
    target_level = fields.Integer(required=True)
    target_share = fields.Float(required=True)
    deadline = fields.String(required=True)


class GoalSchema(Answer):
    goal_id = fields.String(required=True)
    tier = fields.String(required=True)
    org = org_field()
    org_name = fields.String(required=True)
    title = fields.String(required=True)
    template_id = fields.String(required=True)
    template_title = fields.String(required=True)
    look_fors = fields.List(fields.Nested(LookForSchema), required=True)
    target_level = fields.Integer(required=True)
    target_share = fields.Float(required=True)
    start_date = fields.String(required=True)
    deadline = fields.String(required=True)
    benchmarks = fields.List(fields.String(), required=True)
    owner = fields.String(required=True)
    rationale = fields.String(required=True)
    alignment = fields.String(required=True, validate=validate.OneOf(("own", "adopted", "adapted")))
    parent = fields.Nested(GoalLinkSchema, allow_none=True, metadata={"description": "aligned to"})
    children = fields.List(fields.Nested(GoalLinkSchema), required=True)
    progress = fields.List(
        fields.Nested(OrgProgressSchema),
        required=True,
        metadata={"description": "the headline organisation first, then (region) each district"},
    )


class GoalPageSchema(GoalSchema):
    schools = fields.List(fields.Nested(OrgProgressSchema), required=True)
    suppression = fields.Nested(SuppressionSchema, required=True)


class GoalListSchema(Answer):
    goals = fields.List(fields.Nested(GoalSchema), required=True)
    status_rule = fields.String(required=True, metadata={"description": STATUS_RULE[:60] + "…"})


class StatusRuleSchema(Answer):
    rule = fields.String(required=True)
    at_risk_margin = fields.Float(required=True)
    default_benchmark_months = fields.Integer(required=True)


class LevelSchema(Answer):
    value = fields.Integer(required=True)
    label = fields.String(required=True)


class GoalLookForSchema(Answer):
    indicator = fields.String(required=True)
    text = fields.String(required=True)
    section = fields.String(required=True)
    levels = fields.List(
        fields.Nested(LevelSchema),
        required=True,
        metadata={"description": "the levels a target may name (above the scale's lowest)"},
    )


class GoalTemplateSchema(Answer):
    template_id = fields.String(required=True)
    title = fields.String(required=True)
    look_fors = fields.List(fields.Nested(GoalLookForSchema), required=True)


class GoalTemplatesSchema(Answer):
    templates = fields.List(fields.Nested(GoalTemplateSchema), required=True)
