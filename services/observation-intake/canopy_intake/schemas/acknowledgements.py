"""A teacher's acknowledgement of (and one reply to) a walkthrough shared with them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_intake.domain.acknowledgements import MAX_REPLY_CHARS


class AcknowledgementIn(Schema):
    reply = fields.String(
        allow_none=True,
        validate=validate.Length(max=MAX_REPLY_CHARS),
        metadata={"description": "Optional: the teacher's reply to the feedback."},
    )


class AcknowledgementOut(Schema):
    observation_id = fields.String()
    reply = fields.String(allow_none=True)
    acknowledged_at = fields.DateTime()
