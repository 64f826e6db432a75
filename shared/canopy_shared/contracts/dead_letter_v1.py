"""Dead-letter topics (`<topic>.dlq.v1`): a message a consumer could not decode or validate, with
the reason, kept whole so an operator can inspect it and replay it once fixed."""

from __future__ import annotations

from marshmallow import fields

from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.fields import Timestamp

DEAD_LETTER = "dead_letter"


class DeadLetterPayload(PayloadSchema):
    source_topic = fields.String(required=True)
    source_partition = fields.Integer(required=True)
    source_offset = fields.Integer(required=True)
    consumer_group = fields.String(required=True)
    reason = fields.String(required=True)
    key = fields.String(required=True, allow_none=True)
    # The original bytes, decoded as UTF-8 with replacement: the DLQ must accept even garbage.
    value = fields.String(required=True)
    failed_at = Timestamp(required=True)


class DeadLetterV1(EnvelopeSchema):
    PAYLOADS = {DEAD_LETTER: DeadLetterPayload}
