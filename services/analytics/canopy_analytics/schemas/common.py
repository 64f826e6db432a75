"""What the analytics endpoints share: query filters (unknown parameters are refused with 422:
there is no way to ask for a teacher, a pseudonym or a walkthrough id, and a typo never silently
widens an answer) and the parts of every answer.

A cell of an answer is either published (its figures) or suppressed (`suppressed: true` and the
public `reasons`, no number at all); both shapes share one schema whose figure fields are
optional. Every answer schema refuses to drop a key on dump (`Answer`), so /openapi.json (from
which the web app's typed client is generated) describes exactly what comes back.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_dump, validate, validates_schema

from canopy_analytics.domain.periods import GRANULARITIES, PERIOD_HELP
from canopy_analytics.schemas.periods import day_param
from canopy_shared.contracts.vocabulary import GRADE_BANDS, SUBJECTS

# "unpublished": a region period not released yet (issue #19), not a privacy decision.
_REASONS = ("primary", "dominance", "secondary", "unpublished")
_ORG = "region:<id> | district:<id> | school:<id>"


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
    start = day_param("default: the latest school year's start")
    end = day_param("default: the latest school year's end")

    @validates_schema
    def _ordered(self, data: dict[str, Any], **_: object) -> None:
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("end is before start", "end")


# --- the parts of every answer --------------------------------------------------------------


class Answer(Schema):
    """A response schema that describes every key of what it dumps."""

    @post_dump(pass_original=True)
    def _describes_every_key(self, data: dict[str, Any], original: Any, **_: Any) -> dict[str, Any]:
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
        metadata={"description": "0..1; null when coded (region tier) into a band or withheld"},
    )
    display = fields.String(
        required=True, metadata={"description": 'e.g. "42%", "<5%", "≥95%", "n<21"'}
    )
    coded = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(("bottom", "top", "withheld")),
        metadata={
            "description": "the band a region-tier share was coded into; 'withheld' when the "
            "cell has too few ratings for any share to be shown (see share_min_n at "
            "/v1/privacy-rule); else null"
        },
    )


def share_field(description: str, *, required: bool = False) -> fields.Nested:
    return fields.Nested(
        ShareSchema, required=required, allow_none=True, metadata={"description": description}
    )


class PublicReasonsSchema(Answer):
    primary = fields.String(required=True)
    dominance = fields.String(required=True)
    secondary = fields.String(required=True)


class ReleaseSchema(Answer):
    """How region figures are released over time (issue #19; GET /v1/privacy-rule)."""

    model = fields.String(required=True, metadata={"description": "closed periods, published once"})
    interval_s = fields.Integer(
        required=True, metadata={"description": "a release is cut this often (seconds)"}
    )
    settling_s = fields.Integer(
        required=True,
        metadata={"description": "a month is released at the first cut this long after it ended"},
    )
    latest_cut = fields.String(
        required=True, allow_none=True, metadata={"description": "ISO time of the latest cut"}
    )
    statement = fields.String(required=True)


class SuppressionSchema(Answer):
    """How the privacy rule applied to this answer."""

    applied = fields.Boolean(required=True)
    why = fields.String(metadata={"description": "only when not applied"})
    k = fields.Integer(metadata={"description": "only when applied"})
    suppressed_cells = fields.Integer(metadata={"description": "only when applied"})
    reasons = fields.Nested(PublicReasonsSchema, metadata={"description": "only when applied"})
    rule = fields.String(metadata={"description": "only when applied: /v1/privacy-rule"})
    release = fields.Nested(
        ReleaseSchema,
        metadata={"description": "only when applied: how region figures are released"},
    )


class HiddenCellFields(Answer):
    suppressed = fields.Boolean(required=True)
    reasons = fields.List(
        fields.String(validate=validate.OneOf(_REASONS)),
        metadata={"description": "only when suppressed; no figure is given then"},
    )
    unpublished = fields.Boolean(
        metadata={
            "description": "only for a region cell whose period is not released yet (no figure; "
            "see `release` in the suppression block)"
        }
    )
    published_after = fields.String(
        metadata={
            "description": "only when unpublished: the day (YYYY-MM-DD) after which the next "
            "release publishes the period"
        }
    )


class RatingCellSchema(HiddenCellFields):
    """Mean rating and share at or above a level of one indicator cell (figures only when not
    suppressed)."""

    n = fields.Integer(metadata={"description": "ratings"})
    teachers = fields.Integer(metadata={"description": "distinct teachers observed"})
    mean_rating = fields.Float(allow_none=True)
    share = share_field("share of ratings at or above the level")


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


def period_field() -> fields.String:
    return fields.String(required=True, metadata={"description": PERIOD_HELP})


def org_field() -> fields.String:
    return fields.String(required=True, metadata={"description": _ORG})


class SuppressedAnswer(Answer):
    """An answer with its `suppression` block."""

    suppression = fields.Nested(SuppressionSchema, required=True)
