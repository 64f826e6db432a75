"""Every topic on the bus: its contract, key, partition count, producer and consumers.

This is the one place a topic name is spelled. Adding a consumer means adding its name here, so a
reader can see who depends on a contract before changing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from marshmallow import Schema

from canopy_shared.contracts.envelope import EnvelopeSchema


@dataclass(frozen=True)
class Topic:
    name: str
    schema: type[EnvelopeSchema]
    key_fields: tuple[str, ...]  # payload fields tried in order for the message key
    partitions: int
    producers: tuple[str, ...]
    consumers: tuple[str, ...]
    description: str

    def validate(self, message: dict, *, strict: bool = False) -> dict:
        return self.schema().validate_message(message, strict=strict)

    def payload_schema(self, event_type: str) -> type[Schema]:
        return self.schema.PAYLOADS[event_type]

    def key_for(self, payload: dict) -> str | None:
        """The partition key: the first of `key_fields` the payload carries."""
        for name in self.key_fields:
            if payload.get(name):
                return str(payload[name])
        return None
