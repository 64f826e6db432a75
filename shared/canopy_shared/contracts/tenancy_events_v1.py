"""`tenancy.events.v1`: organisations, region connections, roster changes, teacher counts and
revoked access (`user.access_revoked`).

People appear by id only. Teacher and user names and emails live in the tenancy database and
never travel on the bus; organisation names do, because every tier displays them.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import Timestamp, UuidString

_ORG_NAME = validate.Length(min=1, max=200)


def _ids(*, non_empty: bool) -> fields.List[str]:
    return fields.List(
        UuidString(), required=True, validate=validate.Length(min=1 if non_empty else 0)
    )


class RegionPayload(PayloadSchema):
    region_id = UuidString(required=True)
    name = fields.String(required=True, validate=_ORG_NAME)


class DistrictPayload(PayloadSchema):
    district_id = UuidString(required=True)
    name = fields.String(required=True, validate=_ORG_NAME)
    region_id = UuidString(required=True, allow_none=True)  # None: a standalone District Plan


class SchoolPayload(PayloadSchema):
    school_id = UuidString(required=True)
    district_id = UuidString(required=True)
    region_id = UuidString(required=True, allow_none=True)
    name = fields.String(required=True, validate=_ORG_NAME)


class DistrictConnectedPayload(PayloadSchema):
    district_id = UuidString(required=True)
    region_id = UuidString(required=True)
    # The data-sharing agreement the district accepted; analytics may only use data under it.
    agreement_version = fields.String(required=True, validate=validate.Length(min=1, max=64))
    connected_at = Timestamp(required=True)


class DistrictDisconnectedPayload(PayloadSchema):
    district_id = UuidString(required=True)
    region_id = UuidString(required=True)
    disconnected_at = Timestamp(required=True)


class TeacherRosteredPayload(PayloadSchema):
    teacher_id = UuidString(required=True)
    district_id = UuidString(required=True)
    school_ids = _ids(non_empty=True)


class TeacherMovedPayload(PayloadSchema):
    teacher_id = UuidString(required=True)
    district_id = UuidString(required=True)
    from_school_ids = _ids(non_empty=False)
    to_school_ids = _ids(non_empty=True)  # leaving every school is `teacher.removed`


class TeacherRemovedPayload(PayloadSchema):
    teacher_id = UuidString(required=True)
    district_id = UuidString(required=True)


class SchoolTeacherCountPayload(PayloadSchema):
    """Teachers on a school's roster: the denominator for coverage, never a list of people."""

    school_id = UuidString(required=True)
    district_id = UuidString(required=True)
    region_id = UuidString(required=True, allow_none=True)
    teacher_count = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    as_of = Timestamp(required=True)


class ObserverAssignmentPayload(PayloadSchema):
    user_id = UuidString(required=True)
    district_id = UuidString(required=True)
    school_id = UuidString(required=True)


# Why a user's tokens issued before a change stop working (every service refuses them).
ACCESS_REVOKED_REASONS = ("deactivated", "role_changed", "schools_changed")


class UserAccessRevokedPayload(PayloadSchema):
    """A user's access changed: every token issued before `tokens_valid_after` is refused by
    every service from the moment it reads this event. Ids and the reason only: who the user is
    stays in tenancy. Added within v1 (an optional event type; older consumers ignore it)."""

    user_id = UuidString(required=True)
    # Exactly one of the two is set: the district of a district or school user, the region of
    # a region user (the partition key, so the event stays in order with the user's others).
    district_id = UuidString(required=True, allow_none=True)
    region_id = UuidString(required=True, allow_none=True)
    reason = fields.String(required=True, validate=validate.OneOf(ACCESS_REVOKED_REASONS))
    tokens_valid_after = Timestamp(required=True)

    @validates_schema
    def _one_organisation(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("district_id") is None) == (data.get("region_id") is None):
            raise ValidationError("exactly one of district_id and region_id is set", "region_id")


class TenancyEventsV1(EnvelopeSchema):
    PAYLOADS = {
        "region.created": RegionPayload,
        "region.updated": RegionPayload,
        "district.created": DistrictPayload,
        "district.updated": DistrictPayload,
        "school.created": SchoolPayload,
        "school.updated": SchoolPayload,
        "district.connected": DistrictConnectedPayload,
        "district.disconnected": DistrictDisconnectedPayload,
        "teacher.rostered": TeacherRosteredPayload,
        "teacher.moved": TeacherMovedPayload,
        "teacher.removed": TeacherRemovedPayload,
        "school.teacher_count": SchoolTeacherCountPayload,
        "observer.assigned": ObserverAssignmentPayload,
        "observer.unassigned": ObserverAssignmentPayload,
        "user.access_revoked": UserAccessRevokedPayload,
    }
