"""The district keys, one per (district, school year): generated on first need, then fixed, and
listed (metadata only) for the district's own administrators.

A key is never replaced or returned: replaying a year's walkthroughs must give the same
pseudonyms, and only the anonymizer's own database ever holds the key. Rotation is the school
year changing: the first walkthrough of a new year creates that year's key.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from canopy_anonymizer.domain.keys import DistrictYearKey, KeyMetadata, StoredKey
from canopy_anonymizer.domain.pseudonyms import KEY_BYTES, key_fingerprint
from canopy_shared.contracts.vocabulary import Tier
from canopy_shared.errors import NotAllowed
from canopy_shared.web.auth import Principal


class KeyStore(Protocol):
    def find(self, district_id: str, school_year: str) -> StoredKey | None: ...

    def add(self, key: StoredKey) -> bool:
        """Store `key`; False (and nothing stored) when that district and year has one."""
        ...

    def metadata(self, district_id: str | None = None) -> list[KeyMetadata]: ...


class KeyWrapper(Protocol):
    """Encryption of keys at rest (`adapters.key_wrapping.KeyWrapping`)."""

    @property
    def kek_id(self) -> str | None: ...

    def wrap(self, secret: bytes, *, district_id: str, school_year: str) -> bytes: ...

    def unwrap(
        self, stored: bytes, *, wrapped_by: str | None, district_id: str, school_year: str
    ) -> bytes: ...


class Keyring:
    """Keys for the consumer, cached in process (a key never changes once stored)."""

    def __init__(
        self,
        *,
        store: KeyStore,
        wrapping: KeyWrapper,
        random_bytes: Callable[[int], bytes] = secrets.token_bytes,
    ) -> None:
        self._store = store
        self._wrapping = wrapping
        self._random_bytes = random_bytes
        self._cache: dict[tuple[str, str], DistrictYearKey] = {}

    def key_for(self, district_id: str, school_year: str) -> DistrictYearKey:
        cached = self._cache.get((district_id, school_year))
        if cached is None:
            cached = self._load(district_id, school_year) or self._create(district_id, school_year)
            self._cache[(district_id, school_year)] = cached
        return cached

    def _load(self, district_id: str, school_year: str) -> DistrictYearKey | None:
        stored = self._store.find(district_id, school_year)
        if stored is None:
            return None
        secret = self._wrapping.unwrap(
            stored.material,
            wrapped_by=stored.wrapped_by,
            district_id=district_id,
            school_year=school_year,
        )
        return DistrictYearKey(district_id, school_year, secret)

    def _create(self, district_id: str, school_year: str) -> DistrictYearKey:
        secret = self._random_bytes(KEY_BYTES)
        stored = StoredKey(
            district_id=district_id,
            school_year=school_year,
            material=self._wrapping.wrap(secret, district_id=district_id, school_year=school_year),
            wrapped_by=self._wrapping.kek_id,
            fingerprint=key_fingerprint(secret),
            created_at=datetime.now(UTC),
        )
        if self._store.add(stored):
            return DistrictYearKey(district_id, school_year, secret)
        # Another replica stored one first: use that, so every replica pseudonymizes alike.
        winner = self._load(district_id, school_year)
        if winner is None:
            raise RuntimeError(f"key of {district_id} for {school_year} neither added nor found")
        return winner


def list_district_keys(
    *, principal: Principal, district_id: str, store: KeyStore
) -> list[KeyMetadata]:
    """Metadata of a district's keys, one per school year: never the keys themselves. Only the
    district's own administrators may ask (the role is checked at the endpoint)."""
    require_own_district(principal, district_id)
    return store.metadata(district_id)


def require_own_district(principal: Principal, district_id: str) -> None:
    if principal.org_tier != Tier.DISTRICT or principal.district_id != district_id:
        raise NotAllowed(
            "you may only see your own district's keys",
            field="district_id",
            rule="own district only",
        )
