"""HTTP schemas of trends, heat map and distribution: strict queries, described answers."""

from __future__ import annotations

from marshmallow import fields, validate

from canopy_analytics.domain.periods import GRANULARITIES
from canopy_analytics.schemas.common import (
    Answer,
    FiltersSchema,
    HiddenCellFields,
    IndicatorInfoSchema,
    RangeQuery,
    RatingCellSchema,
    SliceQuery,
    SuppressedAnswer,
    TemplateInfoSchema,
    org_field,
    period_field,
    share_field,
)
from canopy_analytics.schemas.periods import period_param


class TrendsQuery(SliceQuery, RangeQuery):
    pass


class PeriodQuery(SliceQuery):
    period = period_param()


class HeatmapQuery(PeriodQuery):
    by = fields.String(load_default="district", validate=validate.OneOf(("district", "school")))


class TrendPointSchema(RatingCellSchema):
    period = period_field()
    start = fields.String(required=True, metadata={"format": "date"})
    end = fields.String(required=True, metadata={"format": "date"})


class TrendSeriesSchema(IndicatorInfoSchema):
    level = fields.Integer(required=True, metadata={"description": "the share's level"})
    points = fields.List(fields.Nested(TrendPointSchema), required=True)


class TrendsSchema(SuppressedAnswer):
    template = fields.Nested(TemplateInfoSchema, required=True)
    org = org_field()
    granularity = fields.String(required=True, validate=validate.OneOf(GRANULARITIES))
    filters = fields.Nested(FiltersSchema, required=True)
    series = fields.List(fields.Nested(TrendSeriesSchema), required=True)


class HeatmapCellSchema(RatingCellSchema):
    indicator = fields.String(required=True)


class HeatmapRowSchema(Answer):
    org = org_field()
    name = fields.String(required=True)
    cells = fields.List(fields.Nested(HeatmapCellSchema), required=True)


class HeatmapSchema(SuppressedAnswer):
    template = fields.Nested(TemplateInfoSchema, required=True)
    period = period_field()
    by = fields.String(required=True, validate=validate.OneOf(("district", "school")))
    filters = fields.Nested(FiltersSchema, required=True)
    indicators = fields.List(fields.Nested(IndicatorInfoSchema), required=True)
    rows = fields.List(fields.Nested(HeatmapRowSchema), required=True)


class LevelShareSchema(Answer):
    value = fields.Integer(required=True)
    label = fields.String(required=True)
    share = share_field("share of the indicator's ratings at this level", required=True)
    count = fields.Integer(metadata={"description": "district callers only"})


class DistributionIndicatorSchema(IndicatorInfoSchema, HiddenCellFields):
    n = fields.Integer(metadata={"description": "ratings; absent when suppressed"})
    teachers = fields.Integer(metadata={"description": "absent when suppressed or empty"})
    levels = fields.List(
        fields.Nested(LevelShareSchema), metadata={"description": "absent when suppressed"}
    )


class DistributionSchema(SuppressedAnswer):
    template = fields.Nested(TemplateInfoSchema, required=True)
    org = org_field()
    period = period_field()
    filters = fields.Nested(FiltersSchema, required=True)
    indicators = fields.List(fields.Nested(DistributionIndicatorSchema), required=True)
