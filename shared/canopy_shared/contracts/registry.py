"""Every topic on the bus: its contract, key, partition count, producer and consumers.

This is the one place a topic name is spelled. Adding a consumer means adding its name here, so a
reader can see who depends on a contract before changing it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, ValidationError

from canopy_shared.contracts.envelope import EnvelopeSchema, schema_instance
from canopy_shared.contracts.fast_check import message_check

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@dataclass(frozen=True)
class Topic:
    name: str
    schema: type[EnvelopeSchema]
    key_fields: tuple[str, ...]  # payload fields tried in order for the message key
    partitions: int
    producers: tuple[str, ...]
    consumers: tuple[str, ...]
    description: str
    # Hot topics (every walkthrough crosses them twice) try the fast check derived from the
    # contract first (issue #17); marshmallow decides whatever it does not vouch for.
    fast_check: bool = False

    def validate(self, message: dict[str, Any], *, strict: bool = False) -> dict[str, Any]:
        check = message_check(self.schema, strict=strict) if self.fast_check else None
        loaded = check(message) if check is not None else None
        if loaded is not None:
            return loaded
        return schema_instance(self.schema).validate_message(message, strict=strict)

    def payload_schema(self, event_type: str) -> type[Schema]:
        return self.schema.PAYLOADS[event_type]

    def key_for(self, payload: Mapping[str, Any]) -> str | None:
        """The partition key: the first of `key_fields` the payload carries."""
        for name in self.key_fields:
            if payload.get(name):
                return str(payload[name])
        return None


@dataclass(frozen=True)
class RegionTopic(Topic):
    """One region's topic of a `TopicFamily`: it refuses a payload about another region, so a
    snapshot can never land on the wrong region's topic."""

    region_id: str = ""

    def validate(self, message: dict[str, Any], *, strict: bool = False) -> dict[str, Any]:
        loaded = super().validate(message, strict=strict)
        if loaded["payload"].get("region_id") != self.region_id:
            raise ValidationError(
                {"payload": {"region_id": [f"must be {self.region_id} on topic {self.name}"]}}
            )
        return loaded


@dataclass(frozen=True)
class TopicFamily:
    """Topics named per region (`exports.region.<region_id>.v1`): one contract, one entry here,
    a topic per region created on demand by its producer (a region's partners subscribe to
    their region's topic only, so access control is per topic)."""

    prefix: str  # e.g. "exports.region."
    version: str  # e.g. "v1"
    schema: type[EnvelopeSchema]
    key_fields: tuple[str, ...]
    partitions: int
    producers: tuple[str, ...]
    consumers: tuple[str, ...]
    description: str

    @property
    def pattern(self) -> str:
        return f"{self.prefix}<region_id>.{self.version}"

    def region_of(self, name: str) -> str | None:
        """The region id a topic name of this family names, else None."""
        escaped = re.escape(self.prefix), re.escape("." + self.version)
        match = re.fullmatch(f"{escaped[0]}({_UUID}){escaped[1]}", name)
        return match.group(1) if match else None

    def for_region(self, region_id: str) -> RegionTopic:
        name = f"{self.prefix}{region_id}.{self.version}"
        if self.region_of(name) != region_id:
            raise ValueError(f"not a lowercase canonical region id: {region_id!r}")
        return RegionTopic(
            name=name,
            schema=self.schema,
            key_fields=self.key_fields,
            partitions=self.partitions,
            producers=self.producers,
            consumers=self.consumers,
            description=self.description,
            region_id=region_id,
        )
