"""HTTP response schemas of the analytics API: what each answer holds, as /openapi.json states
it (the web app's typed client is generated from it).

A cell of an answer is either published (its figures) or suppressed (`suppressed: true` and the
public `reasons`, no number at all); both shapes share one schema whose figure fields are
optional. Every schema here refuses to drop a key on dump (`Answer`), so an answer can never
carry more than its documented shape, nor silently lose a key that was not described.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_dump, validate

from canopy_analytics.periods import GRANULARITIES

_REASONS = ("primary", "secondary")
_PERIOD = "week:<Monday YYYY-MM-DD> | month:<YYYY-MM> | school_year:<YYYY-YYYY>"
_ORG = "region:<id> | district:<id> | school:<id>"


class Answer(Schema):
    """A response schema that describes every key of what it dumps."""

    @post_dump(pass_original=True)
    def _describes_every_key(self, data: dict[str, Any], original: Any, **_: Any) -> dict:
        if isinstance(original, dict):
            undescribed = set(original) - set(self.dump_fields)
            if undescribed:
                raise ValueError(
                    f"{type(self).__name__} does not describe {sorted(undescribed)}: "
                    "add them to the response schema"
                )
        return data


# --- shared pieces --------------------------------------------------------------------------


class ShareSchema(Answer):
    value = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "0..1; null when coded (region tier) into a band"},
    )
    display = fields.String(required=True, metadata={"description": 'e.g. "42%", "<5%", "≥95%"'})
    coded = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(("bottom", "top")),
        metadata={"description": "the band a region-tier share was coded into, else null"},
    )


def _share(description: str, *, required: bool = False) -> fields.Nested:
    return fields.Nested(
        ShareSchema, required=required, allow_none=True, metadata={"description": description}
    )


class PublicReasonsSchema(Answer):
    primary = fields.String(required=True)
    secondary = fields.String(required=True)


class SuppressionSchema(Answer):
    """How the privacy rule applied to this answer."""

    applied = fields.Boolean(required=True)
    why = fields.String(metadata={"description": "only when not applied"})
    k = fields.Integer(metadata={"description": "only when applied"})
    suppressed_cells = fields.Integer(metadata={"description": "only when applied"})
    reasons = fields.Nested(PublicReasonsSchema, metadata={"description": "only when applied"})
    rule = fields.String(metadata={"description": "only when applied: /v1/privacy-rule"})


class HiddenCellFields(Answer):
    suppressed = fields.Boolean(required=True)
    reasons = fields.List(
        fields.String(validate=validate.OneOf(_REASONS)),
        metadata={"description": "only when suppressed; no figure is given then"},
    )


class RatingCellSchema(HiddenCellFields):
    """Mean rating and share at or above a level of one indicator cell (figures only when not
    suppressed)."""

    n = fields.Integer(metadata={"description": "ratings"})
    teachers = fields.Integer(metadata={"description": "distinct teachers observed"})
    mean_rating = fields.Float(allow_none=True)
    share = _share("share of ratings at or above the level")


class CountCellSchema(HiddenCellFields):
    """Walkthroughs and distinct teachers observed in one cell (figures only when not
    suppressed)."""

    walkthroughs = fields.Integer()
    teachers_observed = fields.Integer()


class TemplateInfoSchema(Answer):
    template_id = fields.String(required=True)
    title = fields.String(required=True)


class IndicatorInfoSchema(Answer):
    indicator = fields.String(required=True)
    text = fields.String(required=True)
    section = fields.String(required=True)


class FiltersSchema(Answer):
    """The filters the answer was asked with (only those given)."""

    indicator = fields.String()
    district_id = fields.String()
    school_id = fields.String()
    subject = fields.String()
    grade_band = fields.String()
    level = fields.Integer()


def _period() -> fields.String:
    return fields.String(required=True, metadata={"description": _PERIOD})


def _org() -> fields.String:
    return fields.String(required=True, metadata={"description": _ORG})


class _Answer(Answer):
    suppression = fields.Nested(SuppressionSchema, required=True)


# --- trends, heat map, distribution ---------------------------------------------------------


class TrendPointSchema(RatingCellSchema):
    period = _period()
    start = fields.String(required=True, metadata={"format": "date"})
    end = fields.String(required=True, metadata={"format": "date"})


class TrendSeriesSchema(IndicatorInfoSchema):
    level = fields.Integer(required=True, metadata={"description": "the share's level"})
    points = fields.List(fields.Nested(TrendPointSchema), required=True)


class TrendsSchema(_Answer):
    template = fields.Nested(TemplateInfoSchema, required=True)
    org = _org()
    granularity = fields.String(required=True, validate=validate.OneOf(GRANULARITIES))
    filters = fields.Nested(FiltersSchema, required=True)
    series = fields.List(fields.Nested(TrendSeriesSchema), required=True)


class HeatmapCellSchema(RatingCellSchema):
    indicator = fields.String(required=True)


class HeatmapRowSchema(Answer):
    org = _org()
    name = fields.String(required=True)
    cells = fields.List(fields.Nested(HeatmapCellSchema), required=True)


class HeatmapSchema(_Answer):
    template = fields.Nested(TemplateInfoSchema, required=True)
    period = _period()
    by = fields.String(required=True, validate=validate.OneOf(("district", "school")))
    filters = fields.Nested(FiltersSchema, required=True)
    indicators = fields.List(fields.Nested(IndicatorInfoSchema), required=True)
    rows = fields.List(fields.Nested(HeatmapRowSchema), required=True)


class LevelShareSchema(Answer):
    value = fields.Integer(required=True)
    label = fields.String(required=True)
    share = _share("share of the indicator's ratings at this level", required=True)
    count = fields.Integer(metadata={"description": "district callers only"})


class DistributionIndicatorSchema(IndicatorInfoSchema, HiddenCellFields):
    n = fields.Integer(metadata={"description": "ratings; absent when suppressed"})
    teachers = fields.Integer(metadata={"description": "absent when suppressed or empty"})
    levels = fields.List(
        fields.Nested(LevelShareSchema), metadata={"description": "absent when suppressed"}
    )


class DistributionSchema(_Answer):
    template = fields.Nested(TemplateInfoSchema, required=True)
    org = _org()
    period = _period()
    filters = fields.Nested(FiltersSchema, required=True)
    indicators = fields.List(fields.Nested(DistributionIndicatorSchema), required=True)


# --- coverage and summary -------------------------------------------------------------------


class ReachSchema(Answer):
    """Schools visited and rostered teachers observed in one org over one school year."""

    school_year = fields.String(required=True)
    org = _org()
    schools = fields.Integer(required=True)
    schools_visited = fields.Integer(required=True)
    share_schools_visited = _share("schools visited / schools", required=True)
    teachers_rostered = fields.Integer(required=True)
    teachers_observed = fields.Nested(CountCellSchema, required=True)
    share_teachers_observed = _share("teachers observed / teachers rostered", required=True)


class CoveragePartSchema(CountCellSchema):
    org = _org()
    name = fields.String(required=True)


class CoveragePeriodSchema(Answer):
    period = _period()
    start = fields.String(required=True, metadata={"format": "date"})
    end = fields.String(required=True, metadata={"format": "date"})
    total = fields.Nested(CountCellSchema, required=True)
    parts = fields.List(fields.Nested(CoveragePartSchema), required=True)


class CoverageSchema(_Answer):
    org = _org()
    granularity = fields.String(required=True, validate=validate.OneOf(GRANULARITIES))
    over_time = fields.List(fields.Nested(CoveragePeriodSchema), required=True)
    school_years = fields.List(fields.Nested(ReachSchema), required=True)


class DistrictReachSchema(ReachSchema):
    district_id = fields.String(required=True)
    name = fields.String(required=True)


class MonthCountSchema(CountCellSchema):
    period = _period()


class TemplateIndicatorSummarySchema(RatingCellSchema):
    indicator = fields.String(required=True)
    text = fields.String(required=True)
    level = fields.Integer(required=True)


class TemplateSummarySchema(Answer):
    template_id = fields.String(required=True)
    title = fields.String(required=True)
    indicators = fields.List(fields.Nested(TemplateIndicatorSummarySchema), required=True)


class SummarySchema(_Answer):
    org = _org()
    name = fields.String(required=True)
    school_year = fields.String(required=True)
    totals = fields.Nested(ReachSchema, required=True)
    districts = fields.List(fields.Nested(DistrictReachSchema), required=True)
    walkthroughs_by_month = fields.List(fields.Nested(MonthCountSchema), required=True)
    templates = fields.List(fields.Nested(TemplateSummarySchema), required=True)


# --- the privacy rule -----------------------------------------------------------------------


class CodedDisplaysSchema(Answer):
    bottom = fields.String(required=True)
    top = fields.String(required=True)


class RuleSourceSchema(Answer):
    name = fields.String(required=True)
    finding = fields.String(required=True)


class PrivacyRuleSchema(Answer):
    k = fields.Integer(required=True, metadata={"description": "minimum distinct teachers"})
    minimum_k = fields.Integer(required=True)
    bottom_code = fields.Float(required=True)
    top_code = fields.Float(required=True)
    coded_displays = fields.Nested(CodedDisplaysSchema, required=True)
    rules = fields.List(fields.String(), required=True)
    reasons = fields.Nested(PublicReasonsSchema, required=True)
    sources = fields.List(fields.Nested(RuleSourceSchema), required=True)
