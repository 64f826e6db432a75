"""`exports.region.<region_id>.v1`: the aggregate snapshot a region publishes to its partners
(state agencies, researchers, funders), one topic per region.

Produced only by analytics, when a region admin publishes an export to partners or on the
schedule the admin set. Every figure in it is a cell the region API itself publishes, small-cell
suppressed by the same rule (stated in `privacy_rule`): a suppressed cell carries no number,
only its public reason. No record is about one person: there are no teacher, observer or
walkthrough ids, pseudonyms, names or free text of any kind.

Versioning: within v1 only optional fields are added; partners ignore fields they do not know.
A breaking change is `exports.region.<region_id>.v2`, published beside v1 until v1 is unused.
"""

from __future__ import annotations

from marshmallow import fields, validate

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import (
    Key,
    SchoolYear,
    StrictBoolean,
    StrictNestedMixin,
    Timestamp,
    UuidString,
    WholeMatch,
)

SNAPSHOT_PUBLISHED = "export.snapshot_published"
TRIGGERS = ("publish", "schedule")
# "dominance": one teacher contributes more than the published share of the cell (issue 19).
# "unpublished": a region period not released yet (issue 19): no figure, not a privacy decision.
REASONS = ("primary", "dominance", "secondary", "unpublished")
GOAL_STATUSES = ("on_track", "at_risk", "off_track", "no_data", "suppressed", "upcoming")
# "region:<uuid>" | "district:<uuid>" | "school:<uuid>": the organisation a cell describes.
ORG = r"^(region|district|school):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# "week:<Monday>" | "month:<YYYY-MM>" | "school_year:<YYYY-YYYY>"
PERIOD = r"^(week:\d{4}-\d{2}-\d{2}|month:\d{4}-\d{2}|school_year:\d{4}-\d{4})$"


def _org() -> fields.String:
    return fields.String(required=True, validate=WholeMatch(ORG))


def _period() -> fields.String:
    return fields.String(required=True, validate=WholeMatch(PERIOD))


def _count() -> fields.Integer:
    """A count, or null in a suppressed cell (which shows no number at all)."""
    return fields.Integer(required=True, allow_none=True, strict=True, validate=validate.Range(0))


class PrivacyRuleStatement(PayloadSchema):
    k = fields.Integer(required=True, strict=True, validate=validate.Range(5))
    bottom_code = fields.Float(required=True)
    top_code = fields.Float(required=True)
    rules = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class Organisation(PayloadSchema):
    org = _org()
    name = fields.String(required=True)


class IndicatorInfo(PayloadSchema):
    indicator = Key(required=True)
    text = fields.String(required=True)


class TemplateInfo(PayloadSchema):
    template_id = UuidString(required=True)
    title = fields.String(required=True)
    indicators = fields.List(fields.Nested(IndicatorInfo), required=True)


class Suppressible(PayloadSchema):
    org = _org()
    period = _period()
    suppressed = StrictBoolean(required=True)
    reasons = fields.List(fields.String(validate=validate.OneOf(REASONS)), required=True)


class IndicatorCell(Suppressible):
    """One indicator in one organisation and period: mean rating and the share of ratings at or
    above `level` (coded: "<5%", "≥95%" or a whole percent)."""

    template_id = UuidString(required=True)
    indicator = Key(required=True)
    level = fields.Integer(required=True, strict=True)
    n_ratings = _count()
    teachers_observed = _count()
    mean_rating = fields.Float(required=True, allow_none=True)
    share_display = fields.String(required=True, allow_none=True)


class CoverageCell(Suppressible):
    walkthroughs = _count()
    teachers_observed = _count()


class GoalProgress(PayloadSchema):
    """One organisation's latest progress on a goal, as the region API shows it: a suppressed
    figure has no share (`share_display` null) and no status of its own."""

    org = _org()
    period = fields.String(required=True, allow_none=True, validate=WholeMatch(PERIOD))
    suppressed = StrictBoolean(required=True)
    share_display = fields.String(required=True, allow_none=True)
    baseline_display = fields.String(required=True, allow_none=True)
    expected = fields.Float(required=True, allow_none=True)  # the status rule's path, 0..1
    status = fields.String(required=True, validate=validate.OneOf(GOAL_STATUSES))


class GoalSummary(PayloadSchema):
    """A goal of the region or one its districts adopted or adapted (`goals.events.v1`)."""

    goal_id = UuidString(required=True)
    org = _org()
    title = fields.String(required=True)
    template_id = UuidString(required=True)
    look_fors = fields.List(Key(), required=True)
    target_level = fields.Integer(required=True, strict=True)
    target_share = fields.Float(required=True)
    start_date = fields.String(required=True)
    deadline = fields.String(required=True)
    alignment = fields.String(required=True, validate=validate.OneOf(("own", "adopted", "adapted")))
    parent_goal_id = UuidString(required=True, allow_none=True)
    progress = fields.List(fields.Nested(GoalProgress), required=True)


class ExportSnapshotPayload(StrictNestedMixin, PayloadSchema):
    snapshot_id = UuidString(required=True)
    region_id = UuidString(required=True)
    export_id = UuidString(required=True, allow_none=True)  # the export job, when published
    trigger = fields.String(required=True, validate=validate.OneOf(TRIGGERS))
    generated_at = Timestamp(required=True)
    period = _period()
    school_year = SchoolYear(required=True)
    privacy_rule = fields.Nested(PrivacyRuleStatement, required=True)
    organisations = fields.List(fields.Nested(Organisation), required=True)
    templates = fields.List(fields.Nested(TemplateInfo), required=True)
    indicator_cells = fields.List(fields.Nested(IndicatorCell), required=True)
    coverage_cells = fields.List(fields.Nested(CoverageCell), required=True)
    # Added in v1 (optional): the region's improvement goals and their progress (issue 18).
    goals = fields.List(fields.Nested(GoalSummary))


class ExportsRegionV1(EnvelopeSchema):
    PAYLOADS = {SNAPSHOT_PUBLISHED: ExportSnapshotPayload}
