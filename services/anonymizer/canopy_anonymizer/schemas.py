"""HTTP schemas. Output only: the key admin API changes nothing, and no schema here has a field
that could carry key material."""

from __future__ import annotations

from marshmallow import Schema, fields

from canopy_shared.contracts.fields import UtcDateTime


class KeyMetadataOut(Schema):
    school_year = fields.String(dump_only=True, metadata={"example": "2026-2027"})
    fingerprint = fields.String(
        dump_only=True,
        metadata={"description": "A one-way name of the key, to tell keys apart. Not the key."},
    )
    encrypted_at_rest = fields.Boolean(dump_only=True)
    created_at = UtcDateTime(dump_only=True)


class DistrictKeysOut(Schema):
    district_id = fields.String(dump_only=True)
    keys = fields.List(fields.Nested(KeyMetadataOut), dump_only=True)


class MetricsOut(Schema):
    anonymized = fields.Integer(
        dump_only=True, metadata={"description": "Anonymized messages published (deliveries)."}
    )
    dead_lettered = fields.Integer(
        dump_only=True, metadata={"description": "Raw messages sent to observations.raw.dlq.v1."}
    )
    pseudonym_keys = fields.Integer(
        dump_only=True, metadata={"description": "Keys held, one per district and school year."}
    )
