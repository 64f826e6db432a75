"""`observations.raw.v1`: walkthroughs as submitted, with teacher and observer ids and notes.

Produced by observation-intake through its outbox; read only by the anonymizer. Never read by
anything that writes to ClickHouse.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import Key, StrictNestedMixin, Timestamp, UuidString
from canopy_shared.contracts.vocabulary import GRADE_LEVELS, SUBJECTS

OBSERVATION_SUBMITTED = "observation.submitted"
DURATION_MINUTES = validate.Range(min=1, max=600)


class RatingSchema(PayloadSchema):
    indicator_key = Key(required=True)
    value = fields.Integer(required=True, strict=True)  # checked against the scale by intake


def ratings_field() -> fields.List[Any]:
    return fields.List(fields.Nested(RatingSchema), required=True, validate=validate.Length(min=1))


def reject_duplicate_ratings(ratings: list[dict[str, Any]]) -> None:
    # Two values for one indicator would make every average depend on which one a sink kept.
    keys = [r["indicator_key"] for r in ratings]
    if len(set(keys)) == len(keys):
        return  # the usual case, without counting (runs on every message in and out)
    duplicates = sorted(k for k, n in Counter(keys).items() if n > 1)
    if duplicates:
        raise ValidationError(
            f"duplicate indicator key {', '.join(map(repr, duplicates))}", "ratings"
        )


class NotesSchema(PayloadSchema):
    overall = fields.String(allow_none=True, validate=validate.Length(max=10000))
    by_indicator = fields.Dict(keys=Key(), values=fields.String(validate=validate.Length(max=4000)))


class ObservationSubmittedPayload(StrictNestedMixin, PayloadSchema):
    observation_id = UuidString(required=True)  # client-generated: the idempotency key
    region_id = UuidString(required=True, allow_none=True)
    district_id = UuidString(required=True)
    school_id = UuidString(required=True)
    teacher_id = UuidString(required=True)
    observer_id = UuidString(required=True)
    template_id = UuidString(required=True)
    template_version_id = UuidString(required=True)
    observed_at = Timestamp(required=True)  # the school's local offset: it fixes the local day
    duration_minutes = fields.Integer(required=True, strict=True, validate=DURATION_MINUTES)
    subject = fields.String(required=True, validate=validate.OneOf(SUBJECTS))
    grade_level = fields.String(required=True, validate=validate.OneOf(GRADE_LEVELS))
    ratings = ratings_field()
    notes = fields.Nested(NotesSchema, allow_none=True)  # optional: absent stays absent
    submitted_at = Timestamp(required=True)

    @validates_schema
    def _one_rating_per_indicator(self, data: dict[str, Any], **_: Any) -> None:
        reject_duplicate_ratings(data["ratings"])


class ObservationsRawV1(EnvelopeSchema):
    PAYLOADS = {OBSERVATION_SUBMITTED: ObservationSubmittedPayload}
