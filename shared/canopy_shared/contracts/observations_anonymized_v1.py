"""`observations.anonymized.v1`: walkthroughs the region tier may aggregate.

Produced only by the anonymizer; the only observation data analytics (ClickHouse) ever reads.
It carries pseudonyms, a grade band and a day, never a person's id, a name or free text.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import (
    Hex64,
    IsoDate,
    Key,
    SchoolYear,
    StrictNestedMixin,
    UuidString,
)
from canopy_shared.contracts.observations_raw_v1 import (
    DURATION_MINUTES,
    ratings_field,
    reject_duplicate_ratings,
)
from canopy_shared.contracts.vocabulary import GRADE_BANDS, SUBJECTS

OBSERVATION_ANONYMIZED = "observation.anonymized"


class ObservationAnonymizedPayload(StrictNestedMixin, PayloadSchema):
    class Meta(PayloadSchema.Meta):
        """Privacy boundary. The anonymizer builds this payload from an explicit allow-list of
        fields, never by deleting fields from the raw one; that allow-list must equal the fields
        declared here (`ANONYMIZED_FIELDS`), and its tests assert it. Adding a field here is a
        privacy review: it must not identify a teacher, alone or combined with the others."""

    observation_key = Hex64(required=True)  # HMAC of observation_id: replays stay idempotent
    region_id = UuidString(required=True, allow_none=True)
    district_id = UuidString(required=True)
    school_id = UuidString(required=True)
    # HMAC-SHA256(district key for the school year, teacher_id): distinct-teacher counts for
    # small-cell suppression, unlinkable across districts and school years.
    teacher_pseudonym = Hex64(required=True)
    school_year = SchoolYear(required=True)
    template_id = UuidString(required=True)
    template_version_id = UuidString(required=True)
    # Every rated key, plus any the version's observers left unrated (a superset is allowed).
    indicator_keys = fields.List(Key(), required=True, validate=validate.Length(min=1))
    ratings = ratings_field()
    subject = fields.String(required=True, validate=validate.OneOf(SUBJECTS))
    grade_band = fields.String(required=True, validate=validate.OneOf(GRADE_BANDS))
    observed_on = IsoDate(required=True)  # the school's local day; the time of day is dropped
    duration_minutes = fields.Integer(required=True, strict=True, validate=DURATION_MINUTES)

    @validates_schema
    def _ratings_match_keys(self, data: dict[str, Any], **_: Any) -> None:
        reject_duplicate_ratings(data["ratings"])
        if len(set(data["indicator_keys"])) != len(data["indicator_keys"]):
            raise ValidationError("indicator keys must be unique", "indicator_keys")
        unlisted = sorted(
            {r["indicator_key"] for r in data["ratings"]} - set(data["indicator_keys"])
        )
        if unlisted:
            raise ValidationError(f"rated keys missing from indicator_keys: {unlisted}", "ratings")


# The anonymizer's allow-list is checked against this.
ANONYMIZED_FIELDS = frozenset(ObservationAnonymizedPayload._declared_fields)


class ObservationsAnonymizedV1(EnvelopeSchema):
    PAYLOADS = {OBSERVATION_ANONYMIZED: ObservationAnonymizedPayload}
