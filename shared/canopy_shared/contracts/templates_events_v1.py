"""`templates.events.v1`: published template versions (full content), assignments, retirements.

A published version is immutable and carries its whole content, so intake and analytics can
validate and label ratings from their own read models without calling template-distribution.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import (
    Key,
    StrictBoolean,
    StrictNestedMixin,
    Timestamp,
    UuidString,
)
from canopy_shared.contracts.vocabulary import ORG_TYPES, SCALE_KINDS

_TEXT = validate.Length(min=1, max=1000)


class LevelSchema(PayloadSchema):
    value = fields.Integer(required=True, strict=True)
    label = fields.String(required=True, validate=validate.Length(min=1, max=100))
    descriptor = fields.String(required=True, validate=validate.Length(max=2000))


class ScaleSchema(PayloadSchema):
    """`levels`: rated on the listed values. `yes_no`: 0 or 1 (levels empty, or labelling
    exactly 0 and 1). `count`: a tally from `min` to `max` (absent or None: no upper bound)."""

    kind = fields.String(required=True, validate=validate.OneOf(SCALE_KINDS))
    levels = fields.List(fields.Nested(LevelSchema), required=True)
    min = fields.Integer(strict=True, allow_none=True)
    max = fields.Integer(strict=True, allow_none=True)

    @validates_schema
    def _fits_kind(self, data: dict[str, Any], **_: Any) -> None:
        kind, levels = data["kind"], data["levels"]
        values = [level["value"] for level in levels]
        if kind == "levels" and not levels:
            raise ValidationError("a 'levels' scale needs at least one level", "levels")
        if kind == "levels" and any(a >= b for a, b in pairwise(values)):
            raise ValidationError(f"level values must strictly increase, got {values}", "levels")
        if kind == "yes_no" and levels and values != [0, 1]:
            raise ValidationError("yes_no levels, if given, are the values [0, 1]", "levels")
        if kind == "count":
            _check_count(data)
        elif data.get("min") is not None or data.get("max") is not None:
            raise ValidationError(f"min/max apply only to 'count' scales, not {kind!r}", "min")


def _check_count(data: dict[str, Any]) -> None:
    if data["levels"]:
        raise ValidationError("a 'count' scale has no levels", "levels")
    low, high = data.get("min"), data.get("max")
    if low is None or low < 0:
        raise ValidationError("a 'count' scale needs min >= 0", "min")
    if high is not None and high < low:
        raise ValidationError("max must be >= min", "max")


class IndicatorSchema(PayloadSchema):
    key = Key(required=True)
    text = fields.String(required=True, validate=_TEXT)
    required = StrictBoolean(required=True)
    tags = fields.List(fields.String(validate=validate.Length(min=1, max=64)), required=True)
    scale = fields.Nested(ScaleSchema, required=True)


class SectionSchema(PayloadSchema):
    key = Key(required=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    position = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    indicators = fields.List(
        fields.Nested(IndicatorSchema), required=True, validate=validate.Length(min=1)
    )


class VersionRefSchema(PayloadSchema):
    template_id = UuidString(required=True)
    version_id = UuidString(required=True)


class VersionPublishedPayload(StrictNestedMixin, PayloadSchema):
    template_id = UuidString(required=True)
    version_id = UuidString(required=True)
    version_number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    owner_type = fields.String(required=True, validate=validate.OneOf(ORG_TYPES))
    owner_id = UuidString(required=True)
    region_id = UuidString(required=True, allow_none=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(required=True, validate=validate.Length(max=4000))
    derived_from = fields.Nested(VersionRefSchema, required=True, allow_none=True)
    sections = fields.List(
        fields.Nested(SectionSchema), required=True, validate=validate.Length(min=1)
    )
    published_at = Timestamp(required=True)

    @validates_schema
    def _unique_keys(self, data: dict[str, Any], **_: Any) -> None:
        # Ratings reference indicators by key alone, so a key must mean one indicator per version.
        sections = data["sections"]
        _reject_duplicates("section key", [s["key"] for s in sections])
        _reject_duplicates("indicator key", [i["key"] for s in sections for i in s["indicators"]])


def _reject_duplicates(what: str, keys: list[str]) -> None:
    duplicates = sorted(key for key, n in Counter(keys).items() if n > 1)
    if duplicates:
        raise ValidationError(f"duplicate {what} {', '.join(map(repr, duplicates))}", "sections")


class ReceiverSchema(PayloadSchema):
    org_type = fields.String(required=True, validate=validate.OneOf(("district", "school")))
    org_id = UuidString(required=True)
    district_id = UuidString(required=True)  # so each district's read model finds its receivers

    @validates_schema
    def _district_is_itself(self, data: dict[str, Any], **_: Any) -> None:
        if data["org_type"] == "district" and data["org_id"] != data["district_id"]:
            raise ValidationError("a district receiver's org_id is its district_id", "org_id")


def _receivers() -> fields.List[Any]:
    return fields.List(
        fields.Nested(ReceiverSchema), required=True, validate=validate.Length(min=1)
    )


class AssignedPayload(StrictNestedMixin, PayloadSchema):
    assignment_id = UuidString(required=True)
    template_id = UuidString(required=True)
    version_id = UuidString(required=True)
    owner_type = fields.String(required=True, validate=validate.OneOf(ORG_TYPES))
    owner_id = UuidString(required=True)
    assigned_by_type = fields.String(required=True, validate=validate.OneOf(ORG_TYPES))
    assigned_by_id = UuidString(required=True)
    receivers = _receivers()
    locked = StrictBoolean(required=True)  # receivers may not edit or swap it
    assigned_at = Timestamp(required=True)
    supersedes_version_id = UuidString(required=True, allow_none=True)


# owner_type/owner_id on revocations and retirements are the partition key (topics.py keys this
# topic by owner_id): without them a revocation could overtake the assignment it revokes.
class AssignmentRevokedPayload(StrictNestedMixin, PayloadSchema):
    assignment_id = UuidString(required=True)
    template_id = UuidString(required=True)
    owner_type = fields.String(required=True, validate=validate.OneOf(ORG_TYPES))
    owner_id = UuidString(required=True)
    receivers = _receivers()
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))
    revoked_at = Timestamp(required=True)


class RetiredPayload(PayloadSchema):
    template_id = UuidString(required=True)
    version_id = UuidString(required=True)
    owner_type = fields.String(required=True, validate=validate.OneOf(ORG_TYPES))
    owner_id = UuidString(required=True)
    retired_at = Timestamp(required=True)


class TemplatesEventsV1(EnvelopeSchema):
    PAYLOADS = {
        "template.version_published": VersionPublishedPayload,
        "template.assigned": AssignedPayload,
        "template.assignment_revoked": AssignmentRevokedPayload,
        "template.retired": RetiredPayload,
    }
