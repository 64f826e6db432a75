"""Keyed pseudonyms: HMAC-SHA256 under a district's key for one school year.

Without the key nobody (a region user, an analyst with the whole topic, a leaked ClickHouse
table) can turn a teacher id into its pseudonym, so a pseudonym cannot be looked up from a roster.
A new key each school year makes one year's pseudonyms unlinkable to the next year's.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid

KEY_BYTES = 32

# Domain separation: one key derives several values, and none may equal another's.
# Teacher ids go in bare (ARCHITECTURE.md section 3: HMAC-SHA256(key, teacher_id)); they are
# UUIDs, so they can never collide with the prefixed inputs below.
_OBSERVATION = b"observation:"
_FINGERPRINT = b"fingerprint:"

# Namespace of the anonymized events' ids: uuid5(namespace, observation key). A fixed value:
# changing it would change every event id and defeat downstream dedup of replays.
EVENT_ID_NAMESPACE = uuid.UUID("6f1c2b0e-5a8d-4e37-9b14-3d2a7c9e0f58")


def _hmac(secret: bytes, message: bytes) -> str:
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def teacher_pseudonym(secret: bytes, teacher_id: str) -> str:
    return _hmac(secret, teacher_id.encode())


def observation_key(secret: bytes, observation_id: str) -> str:
    return _hmac(secret, _OBSERVATION + observation_id.encode())


def event_id_for(observation_key_hex: str) -> str:
    """The anonymized event's id: the same for every replay of one observation."""
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, observation_key_hex))


def key_fingerprint(secret: bytes) -> str:
    """A short, one-way name for a key: lets an operator tell keys apart (or check a restored
    backup) without the key ever leaving the database."""
    return _hmac(secret, _FINGERPRINT)[:16]
