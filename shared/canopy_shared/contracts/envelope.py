"""The envelope every message on the bus travels in.

`{event_id, type, schema_version, occurred_at, producer, payload}` as the JSON value; the trace
context travels in Kafka headers, not in the body. Each topic version has one schema class that
subclasses `EnvelopeSchema` and names the payload schema of every event type it carries.
"""

from __future__ import annotations

import functools
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validates_schema

from canopy_shared.contracts.fields import Timestamp, UuidString

SchemaT = TypeVar("SchemaT", bound=Schema)


@dataclass(frozen=True)
class Envelope:
    type: str
    payload: dict[str, Any]
    producer: str
    schema_version: int = 1
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "type": self.type,
            "schema_version": self.schema_version,
            "occurred_at": self.occurred_at,
            "producer": self.producer,
            "payload": self.payload,
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Envelope:
        return cls(
            event_id=data["event_id"],
            type=data["type"],
            schema_version=data["schema_version"],
            occurred_at=data["occurred_at"],
            producer=data["producer"],
            payload=data["payload"],
        )


class PayloadSchema(Schema):
    """Base for payload schemas: unknown fields are dropped, so older consumers read newer
    messages (within a version producers only ever add optional fields)."""

    class Meta:
        unknown = EXCLUDE


def schema_instance(schema_class: type[SchemaT]) -> SchemaT:
    """One instance per schema class. Building a marshmallow schema deep-copies its declared
    fields (most of a message check's cost); loading keeps no per-call state on the instance
    (marshmallow 4 has no context), so every thread of a process may share it."""
    instance = _cached_instance(schema_class)
    if not isinstance(instance, schema_class):  # never: the cache is keyed by the class
        raise TypeError(f"cached {type(instance).__name__} for {schema_class.__name__}")
    return instance


@functools.cache
def _cached_instance(schema_class: type[Schema]) -> Schema:
    # functools.cache forgets a generic signature, so the typed front door is above.
    return schema_class()


class EnvelopeSchema(Schema):
    """Validates an envelope and, by its `type`, the payload inside it.

    Subclasses set `PAYLOADS` (event type -> payload schema class). `load` returns the envelope as
    a dict whose payload has been loaded (validated, unknown fields dropped) by its schema.
    """

    PAYLOADS: ClassVar[dict[str, type[Schema]]] = {}
    SCHEMA_VERSION: ClassVar[int] = 1

    class Meta:
        unknown = EXCLUDE

    event_id = UuidString(required=True)
    type = fields.String(required=True)
    schema_version = fields.Integer(required=True)
    occurred_at = Timestamp(required=True)
    producer = fields.String(required=True)
    payload = fields.Dict(required=True)

    @validates_schema
    def _known_type_and_version(self, data: dict[str, Any], **_: Any) -> None:
        if data["type"] not in self.PAYLOADS:
            known = ", ".join(sorted(self.PAYLOADS))
            raise ValidationError(f"unknown event type; expected one of: {known}", "type")
        if data["schema_version"] != self.SCHEMA_VERSION:
            raise ValidationError(f"must be {self.SCHEMA_VERSION} on this topic", "schema_version")

    def load_payload(
        self, event_type: str, payload: dict[str, Any], *, strict: bool = False
    ) -> dict[str, Any]:
        try:
            schema = schema_instance(self.PAYLOADS[event_type])
            loaded: dict[str, Any] = schema.load(payload, unknown=RAISE if strict else EXCLUDE)
        except ValidationError as err:
            raise ValidationError({"payload": err.messages}) from err
        return loaded

    def validate_message(self, message: dict[str, Any], *, strict: bool = False) -> dict[str, Any]:
        """Validate envelope and payload; raise ValidationError naming the failing fields.

        Consumers validate leniently (unknown payload fields dropped: forward compatibility);
        producers validate strictly, so a field the contract does not name is never emitted.
        """
        envelope: dict[str, Any] = self.load(message)
        envelope["payload"] = self.load_payload(envelope["type"], message["payload"], strict=strict)
        return envelope
