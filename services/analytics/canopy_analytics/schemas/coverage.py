"""HTTP schemas of coverage and the summary: strict queries, described answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_analytics.domain.periods import GRANULARITIES
from canopy_analytics.schemas.common import (
    Answer,
    CountCellSchema,
    OrgFilter,
    RangeQuery,
    RatingCellSchema,
    SuppressedAnswer,
    org_field,
    period_field,
    share_field,
)
from canopy_analytics.schemas.periods import school_year_param


class CoverageQuery(OrgFilter, RangeQuery):
    pass


class SummaryQuery(Schema):
    school_year = school_year_param()


class ReachSchema(Answer):
    """Schools visited and rostered teachers observed in one org over one school year."""

    school_year = fields.String(required=True)
    org = org_field()
    schools = fields.Integer(required=True)
    schools_visited = fields.Integer(required=True)
    share_schools_visited = share_field("schools visited / schools", required=True)
    teachers_rostered = fields.Integer(required=True)
    teachers_observed = fields.Nested(CountCellSchema, required=True)
    share_teachers_observed = share_field("teachers observed / teachers rostered", required=True)


class CoveragePartSchema(CountCellSchema):
    org = org_field()
    name = fields.String(required=True)


class CoveragePeriodSchema(Answer):
    period = period_field()
    start = fields.String(required=True, metadata={"format": "date"})
    end = fields.String(required=True, metadata={"format": "date"})
    total = fields.Nested(CountCellSchema, required=True)
    parts = fields.List(fields.Nested(CoveragePartSchema), required=True)


class CoverageSchema(SuppressedAnswer):
    org = org_field()
    granularity = fields.String(required=True, validate=validate.OneOf(GRANULARITIES))
    over_time = fields.List(fields.Nested(CoveragePeriodSchema), required=True)
    school_years = fields.List(fields.Nested(ReachSchema), required=True)


class DistrictReachSchema(ReachSchema):
    district_id = fields.String(required=True)
    name = fields.String(required=True)


class MonthCountSchema(CountCellSchema):
    period = period_field()


class TemplateIndicatorSummarySchema(RatingCellSchema):
    indicator = fields.String(required=True)
    text = fields.String(required=True)
    level = fields.Integer(required=True)


class TemplateSummarySchema(Answer):
    template_id = fields.String(required=True)
    title = fields.String(required=True)
    indicators = fields.List(fields.Nested(TemplateIndicatorSummarySchema), required=True)


class SummarySchema(SuppressedAnswer):
    org = org_field()
    name = fields.String(required=True)
    school_year = fields.String(required=True)
    totals = fields.Nested(ReachSchema, required=True)
    districts = fields.List(fields.Nested(DistrictReachSchema), required=True)
    walkthroughs_by_month = fields.List(fields.Nested(MonthCountSchema), required=True)
    templates = fields.List(fields.Nested(TemplateSummarySchema), required=True)
