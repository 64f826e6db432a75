"""Pseudonym keys: one per district and school year, and what may be said about one.

A key is the only secret the anonymizer holds; `DistrictYearKey` carries it to the rule,
`StoredKey` is its row (possibly encrypted), `KeyMetadata` is everything anyone else may learn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from canopy_anonymizer.domain.pseudonyms import KEY_BYTES


@dataclass(frozen=True)
class DistrictYearKey:
    """The secret that pseudonymizes one district's walkthroughs of one school year."""

    district_id: str
    school_year: str
    secret: bytes = field(repr=False)  # never in a log line or a traceback's locals dump

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise ValueError(f"a pseudonym key has {KEY_BYTES} bytes")


@dataclass(frozen=True)
class StoredKey:
    """A key row as stored: the key itself possibly encrypted (`wrapped_by` names the KEK)."""

    district_id: str
    school_year: str
    material: bytes = field(repr=False)
    wrapped_by: str | None
    fingerprint: str
    created_at: datetime


@dataclass(frozen=True)
class KeyMetadata:
    """What anyone outside the consumer may learn about a key: never the key."""

    district_id: str
    school_year: str
    fingerprint: str
    encrypted_at_rest: bool
    created_at: datetime
