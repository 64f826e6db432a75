"""HTTP query parameters of the analytics API. Unknown parameters are refused (422): there is
no way to ask for a teacher, a pseudonym or a walkthrough id, and a typo never silently widens
an answer."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from canopy_analytics.periods import GRANULARITIES
from canopy_shared.contracts.vocabulary import GRADE_BANDS, SUBJECTS

_PERIOD_HELP = "week:<Monday YYYY-MM-DD> | month:<YYYY-MM> | school_year:<YYYY-YYYY>"


class OrgFilter(Schema):
    district_id = fields.UUID(metadata={"description": "one district in your scope"})


class SliceQuery(OrgFilter):
    template_id = fields.UUID(required=True)
    indicator = fields.String(validate=validate.Length(min=1, max=64))
    school_id = fields.UUID(metadata={"description": "one school of a district in your scope"})
    subject = fields.String(validate=validate.OneOf(SUBJECTS))
    grade_band = fields.String(validate=validate.OneOf(GRADE_BANDS))
    level = fields.Integer(
        metadata={"description": "the share counts ratings at or above this level"}
    )


class RangeQuery(Schema):
    granularity = fields.String(load_default="month", validate=validate.OneOf(GRANULARITIES))
    start = fields.Date(metadata={"description": "default: the latest school year's start"})
    end = fields.Date(metadata={"description": "default: the latest school year's end"})

    @validates_schema
    def _ordered(self, data: dict, **_: object) -> None:
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("end is before start", "end")


class TrendsQuery(SliceQuery, RangeQuery):
    pass


class PeriodQuery(SliceQuery):
    period = fields.String(metadata={"description": _PERIOD_HELP})


class HeatmapQuery(PeriodQuery):
    by = fields.String(load_default="district", validate=validate.OneOf(("district", "school")))


class CoverageQuery(OrgFilter, RangeQuery):
    pass


class SummaryQuery(Schema):
    school_year = fields.String(
        validate=validate.Regexp(r"^\d{4}-\d{4}$"), metadata={"description": "YYYY-YYYY"}
    )
